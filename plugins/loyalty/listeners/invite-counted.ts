import { Listener } from '@sapphire/framework';
import type { FoyerEvent } from 'foyer';
import { awardInvite } from '../_invite-points.ts';

export class LoyaltyInviteCounted extends Listener {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: 'invites:joinCounted' });
	}

	override async run(event: FoyerEvent<'invites:joinCounted'>) {
		await awardInvite(event);
	}
}
