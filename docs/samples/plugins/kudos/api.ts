// What kudos publishes. Consumers get these types through 'foyer' and never import this file.
export interface KudosService {
	/** How many kudos a member received in a server. */
	totalOf(guildId: string, userId: string): Promise<number>;
}

export interface KudosGiven {
	guildId: string;
	from: string;
	to: string;
	/** The receiver's total, this one included. */
	total: number;
}

declare module 'foyer' {
	interface FoyerServices {
		kudos: KudosService;
	}
	interface FoyerEvents {
		'kudos:given': KudosGiven;
	}
}
