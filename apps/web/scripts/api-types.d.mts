export const OPENAPI_FILE: string;
export const SCHEMA_FILE: string;
export function generateApiTypes(): Promise<string>;
