import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type Build = (externalSchemas: unknown, options: unknown) => (route: unknown) => Validate;
/** A compiled route function as Fastify calls it; a validator answers false with `errors` set. */
type Validate = ((data: unknown) => unknown) & { errors?: unknown };

/** Fastify's own compilers, from Fastify's own dependencies (whatever versions it was installed with). */
function fastifyDependency(name: string): () => Build {
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  return fromFastify(name) as () => Build;
}

/** A compiler factory that loads `name` and compiles each route's schema only when the route is first used. */
function lazyFactory(name: string): Build {
  return (externalSchemas, options) => {
    let compile: ((route: unknown) => Validate) | undefined;
    return (route) => {
      let compiled: Validate | undefined;
      const run: Validate = (data) => {
        compile ??= fastifyDependency(name)()(externalSchemas, options);
        compiled ??= compile(route);
        const result = compiled(data);
        run.errors = compiled.errors;
        return result;
      };
      return run;
    };
  };
}

/**
 * Fastify's validator and serializer compilers (`@fastify/ajv-compiler`, `@fastify/fast-json-stringify-compiler`,
 * with the options Fastify gives them), but loaded, and each route's schema compiled, on the route's first request
 * instead of before the port opens: loading Ajv twice over and compiling the API's ~20 schemas was about a tenth
 * of `zepix start`'s time to accepting webhooks, for routes an operator may never call.
 */
export const lazyCompilers = {
  buildValidator: lazyFactory('@fastify/ajv-compiler'),
  buildSerializer: lazyFactory('@fastify/fast-json-stringify-compiler'),
} as unknown as CompilersFactory;
