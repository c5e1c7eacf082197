/** Resuming carries nothing: send `{}`. */
export class CaseResumedPayloadDto {}
