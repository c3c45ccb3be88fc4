// Chapter 7: the three update rules. Write them below; check them with `./course check 7`.
// θ and ∇θL are flat vectors of the same length (61 for the lecture's 2 → 6 → 4 → 3 network), so each
// rule is a line or two of element-wise arithmetic: no loops over layers, no shapes to think about.
#include "student/training.hpp"

#include <cmath>
#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

#include "base/checks.hpp"
#include "base/errors.hpp"

namespace nn {

// Gradient descent: θ ← θ − η ∇θL, in place.
// theta: (n,)  gradient: (n,)  lr: η > 0.
void gd_step(Vector& theta, const Vector& gradient, double lr)
{
    expect_length(gradient, theta.size(), "gd_step: gradient");
    // TODO: write gd_step here, then run: ./course check 7
    throw not_implemented("gd_step", 7);
}

// Momentum: v ← μ v − η ∇θL, then θ ← θ + v, both in place.
// theta: (n,)  gradient: (n,)  velocity: (n,), zero before the first step.  lr: η > 0, mu: μ in [0, 1).
void momentum_step(Vector& theta, const Vector& gradient, double lr, double mu, Vector& velocity)
{
    expect_length(gradient, theta.size(), "momentum_step: gradient");
    expect_length(velocity, theta.size(), "momentum_step: velocity");
    // TODO: write momentum_step here, then run: ./course check 7
    throw not_implemented("momentum_step", 7);
}

// Adam, in place. g = ∇θL; state.m, state.v: (n,), zero before the first step; state.t: steps so far.
//   t ← t + 1
//   m ← β₁ m + (1 − β₁) g          v ← β₂ v + (1 − β₂) g²         (g² element by element)
//   m̂ = m / (1 − β₁ᵗ)              v̂ = v / (1 − β₂ᵗ)              (early steps: undo the pull to zero)
//   θ ← θ − η m̂ / (√v̂ + ε)
void adam_step(Vector& theta, const Vector& gradient, double lr, AdamState& state, double beta1, double beta2,
               double eps)
{
    expect_length(gradient, theta.size(), "adam_step: gradient");
    expect_length(state.m, theta.size(), "adam_step: state.m");
    expect_length(state.v, theta.size(), "adam_step: state.v");
    // TODO: write adam_step here, then run: ./course check 7
    throw not_implemented("adam_step", 7);
}

}  // namespace nn
