/** Thrown by `MetaApiBroker.open` for options that cannot work: an empty token or account id, a bad URL. */
export class MetaApiConfigError extends Error {
  readonly code = 'ZEPIX_METAAPI_CONFIG';

  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(`MetaApi broker: ${message}. Fix: ${hint}`);
    this.name = 'MetaApiConfigError';
  }
}
