/** The BFGS minimiser on functions whose minimum is known by hand. */
import { minimiseBfgs, type Objective } from '../../src/core';

/** Rosenbrock's function: minimum 0 at (1, 1), a curved narrow valley. */
const rosenbrock: Objective = (x, g) => {
  const [a, b] = [x[0], x[1]];
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

/** A quadratic with minimum 0 at (3, -1, 2) and very different curvatures. */
const quadratic: Objective = (x, g) => {
  const w = [1, 100, 0.01];
  const c = [3, -1, 2];
  let f = 0;
  for (let i = 0; i < 3; i++) {
    f += w[i] * (x[i] - c[i]) ** 2;
    g[i] = 2 * w[i] * (x[i] - c[i]);
  }
  return f;
};

describe('minimiseBfgs(f, start)', () => {
  it('minimiseBfgs finds Rosenbrock\'s minimum (1, 1) from (-1.2, 1)', () => {
    const r = minimiseBfgs(rosenbrock, [-1.2, 1]);
    expect([r.converged, Math.abs(r.x[0] - 1) < 1e-6, Math.abs(r.x[1] - 1) < 1e-6]).toEqual([true, true, true]);
  });

  it('minimiseBfgs finds the minimum of an ill-conditioned quadratic', () => {
    const r = minimiseBfgs(quadratic, [0, 0, 0]);
    expect(Array.from(r.x, (v) => Math.round(v * 1e6) / 1e6)).toEqual([3, -1, 2]);
  });

  it('minimiseBfgs reports converged: false at the iteration cap', () => {
    const r = minimiseBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect([r.converged, r.reason, r.iterations]).toEqual([false, 'maxIterations', 3]);
  });

  it('minimiseBfgs reports notFinite when the start has no finite value', () => {
    const r = minimiseBfgs(() => NaN, [0]);
    expect([r.converged, r.reason]).toEqual([false, 'notFinite']);
  });

  it('minimiseBfgs steps back from points where the function is not finite', () => {
    // f = (x - 1)^2 for x < 2, NaN beyond: the first step from 0 would overshoot into NaN
    const r = minimiseBfgs((x, g) => {
      g[0] = 2 * (x[0] - 1);
      return x[0] < 2 ? (x[0] - 1) ** 2 : NaN;
    }, [-0.9], { maxStep: 10 });
    expect([r.converged, Math.abs(r.x[0] - 1) < 1e-8]).toEqual([true, true]);
  });

  it('minimiseBfgs does not mutate its start', () => {
    const start = Object.freeze([-1.2, 1]);
    minimiseBfgs(rosenbrock, start);
    expect(start).toEqual([-1.2, 1]);
  });
});
