// The package ships its Zod schemas as plain JavaScript (no declarations); spec.ts reads them by name.
declare module 'discord-api-spec/zod';
