export { TemplatePlugin } from './TemplatePlugin.js';
export { templateConfigSchema } from './config.js';
export type { TemplateConfig } from './config.js';
