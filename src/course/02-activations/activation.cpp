// Chapter 2's course code: tanh, what φ = tanh keeps of a forward pass for the backward pass, φ and φ′
// applied to an array or a matrix (ElementWise), and the activations by name.
#include "course/02-activations/activation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <stdexcept>

#include "student/activations.hpp"
#include "student/sigmoid.hpp"

// On x86-64 with glibc, expm1 comes from glibc's vector math library (libmvec), a whole SIMD register at
// a time: the version for the widest registers this build may use (with -march=native, AVX-512 or AVX2;
// the portable build, SSE2, which every x86-64 processor has). Elsewhere, std::expm1 one value at a time.
#if defined(__x86_64__) && defined(__GLIBC__)
#define NN_VECTOR_EXPM1 1
#include <immintrin.h>

#include <xsimd/xsimd.hpp>
extern "C" {
#if defined(__AVX512F__)
__m512d _ZGVeN8v_expm1(__m512d);  // 8 doubles
#elif defined(__AVX2__)
__m256d _ZGVdN4v_expm1(__m256d);  // 4 doubles
#elif defined(__AVX__)
__m256d _ZGVcN4v_expm1(__m256d);  // 4 doubles
#else
__m128d _ZGVbN2v_expm1(__m128d);  // 2 doubles
#endif
}
#endif

namespace nn {

namespace {

#if NN_VECTOR_EXPM1
using Batch = xsimd::batch<double>;  // as many doubles as this build's widest registers hold

// e^x − 1 of every value of the register, by libmvec.
Batch expm1(const Batch& x)
{
#if defined(__AVX512F__)
    static_assert(Batch::size == 8);
    return _ZGVeN8v_expm1(x);
#elif defined(__AVX2__)
    static_assert(Batch::size == 4);
    return _ZGVdN4v_expm1(x);
#elif defined(__AVX__)
    static_assert(Batch::size == 4);
    return _ZGVcN4v_expm1(x);
#else
    static_assert(Batch::size == 2);
    return _ZGVbN2v_expm1(x);
#endif
}

// tanh(z) = sign(z) · −m / (2 + m), m = expm1(−2|z|), on a register (see tanh below).
Batch tanh_of(const Batch& z)
{
    const Batch m = expm1(-2.0 * xsimd::abs(z));
    return xsimd::copysign(-m / (2.0 + m), z);
}
#endif

}  // namespace

// Chapter 2's tanh through exp, made accurate near 0: with e = e^(−2|z|) and m = e − 1 = expm1(−2|z|),
//   tanh(z) = sign(z) (1 − e) / (1 + e) = sign(z) · −m / (2 + m).
// expm1 computes e − 1 directly, without the cancellation of 1 − e near z = 0, and m lies in [−1, 0]:
// nothing overflows. Within a few units in the last place of std::tanh (chapter 9 measures it), and
// faster than xt::tanh: the loop computes tanh of a whole register of values at once (chapter 9).
namespace {

Array computed_tanh(const Array& z)
{
    Array a = Array::from_shape(z.shape());
    const double* in = z.data();
    double* out = a.data();
    const std::size_t n = z.size();
    std::size_t i = 0;
#if NN_VECTOR_EXPM1
    for (; i + Batch::size <= n; i += Batch::size) {
        tanh_of(Batch::load_unaligned(in + i)).store_unaligned(out + i);
    }
    if (i < n) {  // the last few values, in a register of their own (so each value's tanh is the same bits
                  // wherever it stands in z)
        alignas(64) double rest[Batch::size] = {};
        for (std::size_t k = i; k < n; ++k) rest[k - i] = in[k];
        tanh_of(Batch::load_aligned(rest)).store_aligned(rest);
        for (std::size_t k = i; k < n; ++k) out[k] = rest[k - i];
    }
#else
    for (; i < n; ++i) {
        const double m = std::expm1(-2.0 * std::fabs(in[i]));
        out[i] = std::copysign(-m / (2.0 + m), in[i]);
    }
#endif
    return a;
}

// What the forward pass computed with φ = tanh, a(l) = tanh(z(l)), kept for the backward pass: there,
// chapter 2's tanh′(z(l)) = 1 − tanh²(z(l)) asks for tanh(z(l)) once more, and is handed the very numbers
// instead of computing them again (PyTorch's autograd keeps tanh's result for its backward the same way).
// Kept for a few layers, for each thread apart; each is handed over once.
struct Kept {
    Array z;
    Array a;
    bool full = false;  // a is still to be handed over
    bool lent = false;  // z is the argument of a call under way (see ElementWise below)
};
thread_local std::array<Kept, 4> kept;
thread_local std::size_t next_to_replace = 0;

// z and the kept z hold the same numbers, bit for bit, in the same shape.
template <class Z>
bool same_numbers(const Kept& k, const Z& z)
{
    return z.size() != 0 && k.z.dimension() == z.dimension() &&
           std::equal(z.shape().begin(), z.shape().end(), k.z.shape().begin()) &&
           std::memcmp(k.z.data(), z.data(), z.size() * sizeof(double)) == 0;
}

// Keeps a = tanh(z) (the forward pass's z(l) and a(l)) for the next tanh(z) of the same numbers.
void keep(Array&& z, const Array& a)
{
    Kept* slot = nullptr;
    for (Kept& k : kept) {
        if (!k.full && !k.lent) {
            slot = &k;
            break;
        }
    }
    // all full (forward passes with no backward pass after them): replace the oldest
    for (std::size_t tries = 0; slot == nullptr && tries < kept.size(); ++tries) {
        Kept& k = kept[next_to_replace];
        next_to_replace = (next_to_replace + 1) % kept.size();
        if (!k.lent) slot = &k;
    }
    if (slot == nullptr) return;
    slot->z = std::move(z);
    slot->a = a;
    slot->full = true;
}

// A kept z with the same numbers as the matrix z, or none.
Kept* kept_like(const Matrix& z)
{
    for (Kept& k : kept) {
        if (k.full && !k.lent && same_numbers(k, z)) return &k;
    }
    return nullptr;
}

// a as a matrix of the shape of z: the matrix takes a's numbers over (an Array and a Matrix keep them alike,
// row by row in one aligned block), with the strides of its shape.
Matrix as_matrix(Array&& a, const Matrix& z)
{
    if (a.dimension() != 2 || a.shape(0) != z.shape(0) || a.shape(1) != z.shape(1)) {
        // (a function that changed the shape: the assignment to a Matrix says what is wrong)
        return Matrix(a);
    }
    Matrix::inner_shape_type shape = {z.shape(0), z.shape(1)};
    Matrix::inner_strides_type strides;
    Matrix::inner_backstrides_type backstrides;
    xt::compute_strides(shape, xt::layout_type::row_major, strides, backstrides);
    return Matrix(std::move(a.storage()), std::move(shape), std::move(strides));
}

}  // namespace

Array tanh(const Array& z)
{
    for (Kept& k : kept) {
        // a z that the forward pass kept (this very array, or the same numbers): its tanh, handed over
        if (k.full && (&z == &k.z || same_numbers(k, z))) {
            k.full = false;
            return std::move(k.a);
        }
    }
    return computed_tanh(z);
}

Matrix ElementWise::operator()(const Matrix& z) const
{
    if (f_ != &tanh) {
        // φ′(z(l)) in the backward pass, of the z(l) that φ = tanh kept: f is given the kept array itself
        // (no copy of z), and tanh(z(l)) inside it, that very array, finds its result without comparing
        if (Kept* k = kept_like(z)) {
            k->lent = true;
            struct Return {  // (however f returns: with its result or with an exception)
                Kept& k;
                ~Return() { k.lent = false; }
            } given_back{*k};
            return as_matrix(f_(k->z), z);
        }
    }
    Array z_array(z);
    Array a = f_(z_array);
    if (f_ == &tanh) {  // φ = tanh of a layer's z(l): kept for tanh′(z(l)) in the backward pass
        keep(std::move(z_array), a);
    }
    return as_matrix(std::move(a), z);
}

const Activation& activation(const std::string& name)
{
    static const Activation all[] = {
        {"sigmoid", &sigmoid, &sigmoid_prime},
        {"tanh", &tanh, &tanh_prime},
        {"relu", &relu, &relu_prime},
    };
    std::string valid;
    for (const auto& a : all) {
        if (a.name == name) {
            return a;
        }
        valid += (valid.empty() ? "\"" : ", \"") + a.name + "\"";
    }
    throw std::invalid_argument("unknown activation \"" + name + "\"; the valid names are " + valid);
}

}  // namespace nn
