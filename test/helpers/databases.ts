// The suites' databases come from foyer/testing, where plugin authors get the same ones.
export {
	postgresTestDatabase as postgresDatabase,
	sqliteTestDatabase as sqliteDatabase,
	type TestDatabase,
	testDatabases,
} from '../../src/testing/test-databases.ts';
