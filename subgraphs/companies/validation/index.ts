export * from './enterprise-number';
export * from './municipalities';
