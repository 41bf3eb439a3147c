/**
 * A small quasi-Newton minimiser (BFGS with a backtracking Armijo line search) for the maximum-
 * likelihood fits of the LTV models (METHODS.md section 10), which have 3 or 4 parameters, smooth
 * likelihoods and analytic gradients. Written here because the core cannot import Node and no
 * well-kept, dependency-free JavaScript optimiser with a stable API fits so small a job; the method is
 * Nocedal and Wright, "Numerical Optimization" (2006), algorithm 6.1 with the scaling of eq. 6.20.
 */

/** The objective: returns f(x) and writes ∇f(x) into `gradient`; a non-finite value means "not here". */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

/** Options of {@link minimiseBfgs}. */
export interface MinimiseOptions {
  /** Stop when every |∂f/∂x_i| is at most this (default 1e-9). */
  gradientTolerance?: number;
  /**
   * When three iterations in a row lower f by no more than its rounding noise (1e-14 relative: the
   * numbers' precision is exhausted), the minimum counts as found if every |∂f/∂x_i| is at most this
   * (default 1e-6).
   */
  stallTolerance?: number;
  /** The most iterations (default 500). */
  maxIterations?: number;
  /** The longest step in any coordinate, default 2 (a factor e^2 on a log-parameter). */
  maxStep?: number;
}

/** Where the minimiser stopped. */
export interface MinimiseResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  /** max |∂f/∂x_i| at `x`. */
  gradientNorm: number;
  iterations: number;
  evaluations: number;
  /** true when the gradient test (or the stall test) was met; false after the iteration cap or at a non-finite value. */
  converged: boolean;
  reason: 'gradient' | 'stalled' | 'maxIterations' | 'notFinite';
}

/**
 * How much higher (in log-likelihood, summed over clients) a model's full fit must reach than the fit
 * of its limit at an edge of the parameter space for the full fit to be the answer (the LTV models,
 * docs/methods.md "LTV", "Edges of the parameter space"). A likelihood ratio of e^0.001 is no evidence
 * of anything (the test of such a limit needs 1.35 at the 5 % level), and it is far above the
 * rounding of the likelihoods (about 1e-9 on 50,000 clients), so the verdict does not hang on the
 * last bits of a sum.
 */
export const LIMIT_MARGIN = 1e-3;

/**
 * Whether every fitted parameter is within a factor 1e6 of its scale (the default starting value,
 * which carries the data's units: weeks for α, money for γ): beyond, the search was running off to an
 * edge of the parameter space that is not one of the models' limits, and where it stopped says more
 * about rounding than about the data (docs/methods.md "LTV", "Converged"). Such a search passes 1e6
 * at full speed, far from any stall, so the verdict does not depend on the last bits.
 * @param values the fitted parameters.
 * @param scales their scales, as many.
 * @returns true when each value / scale is between 1e-6 and 1e6.
 * @example withinScale([66, 2043], [1, 30.8]) // true
 */
export function withinScale(values: readonly number[], scales: readonly number[]): boolean {
  return values.every((v, i) => v / scales[i] >= 1e-6 && v / scales[i] <= 1e6);
}

/** Relative changes of f below this are rounding noise (a few units of the last place). */
const NOISE = 1e-14;

function normInf(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

function dot(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

function identity(n: number, scale = 1): Float64Array {
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) h[i * n + i] = scale;
  return h;
}

/**
 * Minimises a smooth function of a few variables by BFGS (an inverse-Hessian update) with a
 * backtracking line search that keeps the Armijo condition (c1 = 1e-4, at most 40 halvings); an
 * update whose curvature s·y is not positive is skipped, and a direction that does not descend or a
 * failed line search restarts from the gradient.
 * @param f the objective and its gradient.
 * @param start the starting point; not mutated.
 * @param options tolerances, iteration cap and largest step.
 * @returns the point reached, its value and gradient, and why it stopped. Never throws.
 * @example minimiseBfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, [0]).x[0] // 3
 */
export function minimiseBfgs(f: Objective, start: ArrayLike<number>, options: MinimiseOptions = {}): MinimiseResult {
  const gtol = options.gradientTolerance ?? 1e-9;
  const stallTol = options.stallTolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 2;
  const n = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let fx = f(x, g);
  let evaluations = 1;
  const done = (iterations: number, converged: boolean, reason: MinimiseResult['reason']): MinimiseResult => ({
    x,
    value: fx,
    gradient: g,
    gradientNorm: normInf(g),
    iterations,
    evaluations,
    converged,
    reason,
  });
  if (!Number.isFinite(fx) || !g.every(Number.isFinite)) return done(0, false, 'notFinite');
  let h = identity(n);
  let fresh = true; // h is the identity, not yet scaled by a curvature pair
  const d = new Float64Array(n);
  const xn = new Float64Array(n);
  let gn = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  let stuck = 0; // iterations in a row without progress
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (normInf(g) <= gtol) return done(iteration, true, 'gradient');
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= h[i * n + j] * g[j];
      d[i] = v;
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // not a descent direction: restart from steepest descent
      h = identity(n);
      fresh = true;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = dot(g, d);
    }
    const longest = normInf(d);
    if (longest > maxStep) {
      const k = maxStep / longest;
      for (let i = 0; i < n; i++) d[i] *= k;
      slope *= k;
    }
    let step = 1;
    let fn = NaN;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xn[i] = x[i] + step * d[i];
      fn = f(xn, gn);
      evaluations++;
      if (Number.isFinite(fn) && fn <= fx + 1e-4 * step * slope && gn.every(Number.isFinite)) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    // a step that lowers f by no more than its rounding noise is no progress
    const progress = accepted && fx - fn > NOISE * Math.abs(fx);
    stuck = progress ? 0 : stuck + 1;
    if (stuck >= 3) return done(iteration, normInf(g) <= stallTol, 'stalled');
    if (!accepted) {
      // the curvature model misled the search: start over from the gradient
      h = identity(n);
      fresh = true;
      continue;
    }
    for (let i = 0; i < n; i++) {
      s[i] = xn[i] - x[i];
      y[i] = gn[i] - g[i];
    }
    const sy = dot(s, y);
    const yy = dot(y, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * yy)) {
      if (fresh) {
        h = identity(n, sy / yy);
        fresh = false;
      }
      // H <- (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ, ρ = 1 / (yᵀ s)
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += h[i * n + j] * y[j];
        hy[i] = v;
      }
      const yhy = dot(y, hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
        }
      }
    }
    const swap = g;
    g = gn;
    gn = swap;
    x = Float64Array.from(xn);
    fx = fn;
  }
  return done(maxIterations, normInf(g) <= gtol, normInf(g) <= gtol ? 'gradient' : 'maxIterations');
}
