/** The prompt libraries: schema, file format (parse / serialize), rendering, search and merge. */
export * from './schema';
export * from './template';
export * from './parse';
export * from './render';
export * from './serialize';
export * from './library';
