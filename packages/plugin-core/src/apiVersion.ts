/**
 * The plugin API this copy of @zepix/plugin-core provides. Bumped, with a major release, only when the base class
 * or the service API changes in a way that breaks plugins.
 */
export const PLUGIN_API_VERSION = 1;

/** The brand every plugin class carries, shared across copies of this package through the global symbol registry. */
export const PLUGIN_BRAND: unique symbol = Symbol.for('zepix.logicPlugin');
