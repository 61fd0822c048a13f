/** GitHub's error bodies, thrown by handlers and written by the server as they are. */

export const DOCUMENTATION_URL = 'https://docs.github.com/rest';

export interface ValidationErrorItem {
  resource?: string;
  field?: string;
  code: string;
  message?: string;
  value?: unknown;
}

export interface ErrorBody {
  message: string;
  errors?: Array<ValidationErrorItem | string>;
  documentation_url: string;
  status: string;
}

export class ApiError extends Error {
  readonly body: ErrorBody;

  constructor(
    readonly status: number,
    message: string,
    errors?: Array<ValidationErrorItem | string>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.body = { message, ...(errors ? { errors } : {}), documentation_url: DOCUMENTATION_URL, status: String(status) };
  }
}

export function notFound(): ApiError {
  return new ApiError(404, 'Not Found');
}

export function validationFailed(errors: Array<ValidationErrorItem | string>, message = 'Validation Failed'): ApiError {
  return new ApiError(422, message, errors);
}

export function unprocessable(message: string, errors?: Array<ValidationErrorItem | string>): ApiError {
  return new ApiError(422, message, errors);
}

export function forbidden(message: string): ApiError {
  return new ApiError(403, message);
}

export function conflict(message: string): ApiError {
  return new ApiError(409, message);
}

export function methodNotAllowed(message: string): ApiError {
  return new ApiError(405, message);
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}
