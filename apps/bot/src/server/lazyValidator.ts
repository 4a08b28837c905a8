import { createRequire } from 'node:module';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';

/** A route's validator as Fastify calls it: false with `errors` set when the input does not match. */
type Validate = ((data: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null };
type RouteSchema = Parameters<FastifySchemaCompiler<unknown>>[0];
type Compile = (route: RouteSchema) => Validate;

/**
 * Fastify's own validator (`@fastify/ajv-compiler` with the options Fastify gives it when `ajv` is not set), but
 * each route's schema is compiled on the route's first request instead of before the port opens: loading Ajv and
 * compiling the API's ~20 schemas was about a tenth of `zepix start`'s time to accepting webhooks, for routes an
 * operator may never call.
 */
export function lazyValidatorCompiler(): FastifySchemaCompiler<unknown> {
  let compiler: Compile | undefined;
  const compile = (route: RouteSchema): Validate => {
    if (!compiler) {
      const require = createRequire(import.meta.url);
      const AjvCompiler = require('@fastify/ajv-compiler') as () => (schemas: object, options: object) => Compile;
      compiler = AjvCompiler()({}, { customOptions: {}, plugins: [] });
    }
    return compiler(route);
  };
  return (route) => {
    let compiled: Validate | undefined;
    const validate: Validate = (data) => {
      compiled ??= compile(route);
      const valid = compiled(data);
      validate.errors = compiled.errors;
      return valid;
    };
    return validate;
  };
}
