import { RESTJSONErrorCodes } from 'discord-api-types/v10';

/** An error answered with Discord's JSON error body: `{ message, code, errors? }`. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		message: string,
		readonly errors?: Record<string, unknown>,
	) {
		super(message);
	}

	toJSON(): Record<string, unknown> {
		return this.errors
			? { message: this.message, code: this.code, errors: this.errors }
			: { message: this.message, code: this.code };
	}
}

const C = RESTJSONErrorCodes;

export const Errors = {
	unauthorized: () => new ApiError(401, 0, '401: Unauthorized'),
	notFound: () => new ApiError(404, 0, '404: Not Found'),
	methodNotAllowed: () => new ApiError(405, 0, '405: Method Not Allowed'),
	unknownAccount: () => new ApiError(404, C.UnknownAccount, 'Unknown Account'),
	unknownApplication: () => new ApiError(404, C.UnknownApplication, 'Unknown Application'),
	unknownChannel: () => new ApiError(404, C.UnknownChannel, 'Unknown Channel'),
	unknownGuild: () => new ApiError(404, C.UnknownGuild, 'Unknown Guild'),
	unknownInvite: () => new ApiError(404, C.UnknownInvite, 'Unknown Invite'),
	unknownMember: () => new ApiError(404, C.UnknownMember, 'Unknown Member'),
	unknownMessage: () => new ApiError(404, C.UnknownMessage, 'Unknown Message'),
	unknownRole: () => new ApiError(404, C.UnknownRole, 'Unknown Role'),
	unknownUser: () => new ApiError(404, C.UnknownUser, 'Unknown User'),
	unknownEmoji: () => new ApiError(400, C.UnknownEmoji, 'Unknown Emoji'),
	unknownBan: () => new ApiError(404, C.UnknownBan, 'Unknown Ban'),
	unknownWebhook: () => new ApiError(404, C.UnknownWebhook, 'Unknown Webhook'),
	unknownInteraction: () => new ApiError(404, C.UnknownInteraction, 'Unknown interaction'),
	unknownCommand: () => new ApiError(404, C.UnknownApplicationCommand, 'Unknown application command'),
	alreadyAcknowledged: () =>
		new ApiError(400, C.InteractionHasAlreadyBeenAcknowledged, 'Interaction has already been acknowledged.'),
	missingAccess: () => new ApiError(403, C.MissingAccess, 'Missing Access'),
	missingPermissions: () => new ApiError(403, C.MissingPermissions, 'Missing Permissions'),
	cannotMessageUser: () => new ApiError(403, C.CannotSendMessagesToThisUser, 'Cannot send messages to this user'),
	emptyMessage: () => new ApiError(400, C.CannotSendAnEmptyMessage, 'Cannot send an empty message'),
	cannotEditOthersMessage: () =>
		new ApiError(403, C.CannotEditMessageAuthoredByAnotherUser, 'Cannot edit a message authored by another user'),
	invalidFormBody: (errors: Record<string, unknown>) =>
		new ApiError(400, C.InvalidFormBodyOrContentType, 'Invalid Form Body', errors),
};

/** Builds the nested `errors` object of a 50035 for one field path such as `content` or `embeds.0.title`. */
export function fieldError(path: string, code: string, message: string): ApiError {
	const root: Record<string, unknown> = {};
	let node = root;
	const parts = path.split('.');
	for (const [i, part] of parts.entries()) {
		if (i === parts.length - 1) node[part] = { _errors: [{ code, message }] };
		else {
			const next: Record<string, unknown> = {};
			node[part] = next;
			node = next;
		}
	}
	return Errors.invalidFormBody(root);
}
