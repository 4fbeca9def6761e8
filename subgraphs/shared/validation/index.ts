export * from './check';
export * from './enterprise-number';
export * from './credit-code';
export * from './municipalities';
export * from './districts';
export * from './text';
