import { Listener } from '@sapphire/framework';
import type { FoyerEvent } from 'foyer';
import { revokeInvite } from '../_invite-points.ts';

export class LoyaltyInviteUncounted extends Listener {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: 'invites:joinUncounted' });
	}

	override async run(event: FoyerEvent<'invites:joinUncounted'>) {
		await revokeInvite(event);
	}
}
