/**
 * countFrames runs in the page (pass it to page.evaluate): it counts requestAnimationFrame
 * callbacks for `seconds` wall seconds and gives the frames, the span (s) and the worst gap (ms).
 * Self-contained, as page.evaluate serialises it.
 */
export async function countFrames(seconds: number): Promise<{ frames: number; seconds: number; worst: number }> {
  const stamps: number[] = [];
  await new Promise<void>((done) => {
    const t0 = performance.now();
    const tick = (t: number) => {
      stamps.push(t);
      if (t - t0 < seconds * 1000) requestAnimationFrame(tick);
      else done();
    };
    requestAnimationFrame(tick);
  });
  let worst = 0;
  for (let i = 1; i < stamps.length; i++) worst = Math.max(worst, stamps[i]! - stamps[i - 1]!);
  return { frames: stamps.length, seconds: (stamps.at(-1)! - stamps[0]!) / 1000, worst };
}
