/** A fitted model: log-odds = intercept + Σ coefficient · feature. */
export type LogisticFit = { intercept: number; coefficients: number[]; iterations: number; converged: boolean };

export type LogisticOptions = {
  /** L2 penalty on the coefficients (never on the intercept), in units of the summed log-likelihood. */
  lambda: number;
  maxIterations?: number;
  /** Converged when no parameter moves by more than this in a step. */
  tolerance?: number;
};

/**
 * L2-regularised logistic regression by Newton's method (IRLS). The penalised
 * log-likelihood is strictly concave for lambda > 0, so Newton's steps reach
 * its one maximum, quadratically once near it; a step that would lower it is
 * halved until it does not, so every iteration makes progress even from far
 * away. The penalty keeps coefficients finite when a feature fires only on
 * buyers (separation) and shares the weight evenly between features that
 * always fire together. Deterministic: no randomness, the same rows give the
 * same fit.
 */
export function fitLogistic(rows: ReadonlyArray<ReadonlyArray<number>>, outcomes: readonly boolean[], options: LogisticOptions): LogisticFit {
  const { lambda, maxIterations = 100, tolerance = 1e-9 } = options;
  const width = (rows[0]?.length ?? 0) + 1;
  const design = rows.map((row) => [1, ...row]);
  let theta = new Array<number>(width).fill(0);
  let objective = penalisedLogLikelihood(design, outcomes, theta, lambda);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const { gradient, information } = derivatives(design, outcomes, theta, lambda);
    const step = solve(information, gradient);
    let scale = 1;
    let next = theta.map((t, i) => t + step[i]!);
    let nextObjective = penalisedLogLikelihood(design, outcomes, next, lambda);
    // Near the maximum a full step changes the objective by less than its rounding: only a real loss is a reason to halve.
    const rounding = 1e-12 * (1 + Math.abs(objective));
    while (nextObjective < objective - rounding && scale > 1e-6) {
      scale /= 2;
      next = theta.map((t, i) => t + scale * step[i]!);
      nextObjective = penalisedLogLikelihood(design, outcomes, next, lambda);
    }
    const moved = Math.max(...next.map((t, i) => Math.abs(t - theta[i]!)));
    theta = next;
    objective = nextObjective;
    if (moved < tolerance) return { intercept: theta[0]!, coefficients: theta.slice(1), iterations: iteration, converged: true };
  }
  return { intercept: theta[0]!, coefficients: theta.slice(1), iterations: maxIterations, converged: false };
}

function penalisedLogLikelihood(design: number[][], outcomes: readonly boolean[], theta: number[], lambda: number): number {
  let sum = 0;
  design.forEach((row, r) => {
    const eta = dot(row, theta);
    // log(1 + e^η) without overflow for large η.
    const softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    sum += (outcomes[r] ? eta : 0) - softplus;
  });
  return sum - (lambda / 2) * theta.slice(1).reduce((s, t) => s + t * t, 0);
}

/** The penalised score vector and the observed information matrix (minus the Hessian), intercept first. */
function derivatives(design: number[][], outcomes: readonly boolean[], theta: number[], lambda: number) {
  const width = theta.length;
  const gradient = theta.map((t, i) => (i === 0 ? 0 : -lambda * t));
  const information = Array.from({ length: width }, (_, i) => Array.from({ length: width }, (_, j) => (i === j && i > 0 ? lambda : 0)));
  design.forEach((row, r) => {
    const p = 1 / (1 + Math.exp(-dot(row, theta)));
    const residual = (outcomes[r] ? 1 : 0) - p;
    const weight = p * (1 - p);
    for (let i = 0; i < width; i++) {
      if (row[i] === 0) continue;
      gradient[i]! += residual * row[i]!;
      for (let j = 0; j < width; j++) if (row[j] !== 0) information[i]![j]! += weight * row[i]! * row[j]!;
    }
  });
  return { gradient, information };
}

/** Solves A·x = b for a symmetric positive definite A by Cholesky decomposition. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      // A pivot at or below zero only comes from rounding on a near-singular matrix: a tiny floor keeps the step finite.
      l[i]![j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
    y[i] = sum / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * x[k]!;
    x[i] = sum / l[i]![i]!;
  }
  return x;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
