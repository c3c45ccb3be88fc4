// Chapter 2's course code: tanh, and the activations by name.
#include "course/02-activations/activation.hpp"

#include <cmath>
#include <cstddef>
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
Array tanh(const Array& z)
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
