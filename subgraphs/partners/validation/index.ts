export * from './credit-code';
export * from './districts';
