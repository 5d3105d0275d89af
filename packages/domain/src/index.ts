export * from './committee.enum';
export * from './shared-entity';
export * from './id-key.type';
export * from './adoption-row-key.type';
export * from './adoption-row.fields';
