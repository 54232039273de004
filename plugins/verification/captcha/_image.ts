import { randomInt } from 'node:crypto';
import { GLYPH_H, GLYPH_W, ink } from './_font.ts';
import { encodeGreyPng } from './_png.ts';

export const WIDTH = 240;
export const HEIGHT = 90;

const rand = (min: number, max: number) => min + (randomInt(0, 1_000_000) / 1_000_000) * (max - min);

/**
 * The code drawn as a distorted image, rendered here without any external service: each character
 * scaled, rotated, sheared and shifted on its own, the whole picture bent by a wave, crossed by
 * curves and sprinkled with noise. Reading it is easy for a person and costs a script real work
 * (it cannot copy text: there is none). Every call draws the code differently.
 */
export function captchaPng(code: string): Buffer {
	const px = new Uint8Array(WIDTH * HEIGHT).fill(255);
	// A light texture, so the background is never a flat colour to threshold away.
	for (let i = 0; i < px.length; i++) px[i] = 215 + randomInt(0, 41);
	const cell = WIDTH / (code.length + 1);
	for (const [i, char] of [...code].entries()) {
		const scale = rand(5.8, 7.2);
		const angle = rand(-0.4, 0.4);
		const shear = rand(-0.25, 0.25);
		const cx = cell * (i + 1) + rand(-5, 5);
		const cy = HEIGHT / 2 + rand(-9, 9);
		const tone = randomInt(10, 90);
		drawGlyph(px, char, { scale, angle, shear, cx, cy, tone });
	}
	for (let n = 0; n < 3; n++) drawCurve(px, randomInt(30, 120));
	for (let n = 0; n < 700; n++) px[randomInt(0, px.length)] = randomInt(0, 256);
	return encodeGreyPng(WIDTH, HEIGHT, warp(px));
}

interface Placement {
	scale: number;
	angle: number;
	shear: number;
	cx: number;
	cy: number;
	tone: number;
}

/** Inverse mapping: each pixel of the glyph's box asks which point of the 5×7 bitmap it shows. */
function drawGlyph(px: Uint8Array, char: string, p: Placement): void {
	const cos = Math.cos(p.angle);
	const sin = Math.sin(p.angle);
	const reach = Math.ceil(p.scale * 5);
	for (let y = Math.max(0, Math.floor(p.cy - reach)); y < Math.min(HEIGHT, p.cy + reach); y++)
		for (let x = Math.max(0, Math.floor(p.cx - reach)); x < Math.min(WIDTH, p.cx + reach); x++) {
			const dx = x - p.cx;
			const dy = y - p.cy;
			const rx = (cos * dx + sin * dy) / p.scale;
			const ry = (-sin * dx + cos * dy) / p.scale;
			const gx = rx - p.shear * ry + GLYPH_W / 2;
			const gy = ry + GLYPH_H / 2;
			if (ink(char, Math.floor(gx), Math.floor(gy))) px[y * WIDTH + x] = p.tone;
		}
}

function drawCurve(px: Uint8Array, tone: number): void {
	const amplitude = rand(8, 25);
	const period = rand(40, 120);
	const phase = rand(0, Math.PI * 2);
	const base = rand(20, HEIGHT - 20);
	const thickness = randomInt(1, 3);
	for (let x = 0; x < WIDTH; x++) {
		const y = Math.round(base + amplitude * Math.sin((x / period) * Math.PI * 2 + phase));
		for (let t = 0; t < thickness; t++) if (y + t >= 0 && y + t < HEIGHT) px[(y + t) * WIDTH + x] = tone;
	}
}

/** Bends the whole picture along a wave, so the characters share no straight baseline. */
function warp(px: Uint8Array): Uint8Array {
	const out = new Uint8Array(px.length).fill(240);
	const amplitude = rand(2, 5);
	const period = rand(50, 90);
	const phase = rand(0, Math.PI * 2);
	for (let y = 0; y < HEIGHT; y++)
		for (let x = 0; x < WIDTH; x++) {
			const sy = Math.round(y + amplitude * Math.sin((x / period) * Math.PI * 2 + phase));
			if (sy >= 0 && sy < HEIGHT) out[y * WIDTH + x] = px[sy * WIDTH + x] as number;
		}
	return out;
}
