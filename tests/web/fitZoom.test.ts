import { fitZoom, LEGIBLE_K } from '../../web/src/graph/fitZoom';

describe('fitZoom', () => {
  it('fits the width of a drawing a little wider than its room', () => {
    expect(fitZoom(1000, 850)).toBe(0.85);
  });

  it('keeps a narrow drawing at 100 %, never enlarging it', () => {
    expect(fitZoom(400, 850)).toBe(1);
  });

  it('stops at the legible zoom for a drawing much wider than its room (a phone)', () => {
    expect(fitZoom(930, 340)).toBe(LEGIBLE_K);
    expect(LEGIBLE_K).toBe(0.75);
  });

  it('answers 100 % before anything is measured', () => {
    expect(fitZoom(0, 850)).toBe(1);
    expect(fitZoom(930, 0)).toBe(1);
  });
});
