export { type Volfile, type VolfileNode, parseVolfile } from './volfile.js';
export { type Graph, buildGraph } from './graph.js';
export { type OptionSpec, type OptionSchema, type OptionsOf, defineOptions, parseOptions } from './options.js';
export { resolveXlator, allXlators } from './registry.js';
export { renderXlatorDocs, renderFopDocs } from './docs.js';
export { withNodeOption } from './node-option.js';
