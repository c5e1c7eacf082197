import {
  applyDecorators,
  Controller,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  type Type,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error.response.dto';

/** A controller for signed-in staff (the global AuthGuard): its OpenAPI tag, the bearer scheme, its path. */
export function StaffController(tag: string, path?: string): ClassDecorator {
  return applyDecorators(ApiTags(tag), ApiBearerAuth(), path === undefined ? Controller() : Controller(path));
}

export interface EndpointDocs {
  summary: string;
  description?: string;
  /** The answer's status, set and documented: 200 (the default) or 202 for work that goes on. */
  status?: HttpStatus.OK | HttpStatus.ACCEPTED;
  /** The answer's body. */
  type: Type<unknown>;
  /** When it may answer 409: why. */
  conflict?: string;
}

/**
 * An endpoint under a resource's id: what it does, its answer's status and body, and the 404 it
 * answers when the resource does not exist or is not the caller's (see AccessAudit.notFound).
 */
export function Endpoint({
  summary,
  description,
  status = HttpStatus.OK,
  type,
  conflict,
}: EndpointDocs): MethodDecorator {
  return applyDecorators(
    HttpCode(status),
    ApiOperation(description === undefined ? { summary } : { summary, description }),
    status === HttpStatus.ACCEPTED ? ApiAcceptedResponse({ type }) : ApiOkResponse({ type }),
    ApiNotFoundResponse({ type: ErrorResponseDto }),
    ...(conflict === undefined
      ? []
      : [ApiConflictResponse({ type: ErrorResponseDto, description: conflict })]),
  );
}

/** A path id that must be a UUID: anything else answers 400 before the handler runs. */
export function UuidParam(name: string): ParameterDecorator {
  return Param(name, ParseUUIDPipe);
}
