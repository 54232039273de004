import { container } from '@sapphire/framework';

export interface SealedSecrets {
	/** Encrypts `plain` for storage (AES-256-GCM, a fresh IV each time). */
	seal(plain: string): string;
	/** The plain value, or null when it was tampered with or sealed under another dashboard secret. */
	open(sealed: string): string | null;
}

/**
 * Seals secrets a plugin keeps at rest (a webhook's signing secret) with a key derived from the
 * dashboard's secret and `purpose`, the way the dashboard seals users' OAuth2 tokens. Needs the
 * dashboard (its secret is the key material): without it there is nowhere to enter such secrets anyway.
 */
export function sealedSecrets(purpose: string): SealedSecrets {
	const cipher = () => {
		const dashboard = container.dashboard;
		if (!dashboard) throw new Error('Sealed secrets need the dashboard: its secret is the key');
		return dashboard.cipherFor(purpose);
	};
	return { seal: (plain) => cipher().encrypt(plain), open: (sealed) => cipher().decrypt(sealed) };
}
