// Chapter 1's program: a short table of z, σ(z) and σ′(z), from z = −1000 to 1000.
#include <cstdio>
#include <exception>

#include "sigmoid.hpp"

int main()
{
    try {
        //! [table]
        const nn::Array z = {-1000.0, -10.0, -2.0, -1.0, 0.0, 1.0, 2.0, 10.0, 1000.0};
        const nn::Array s = nn::sigmoid(z);
        const nn::Array ds = nn::sigmoid_prime(z);
        //! [table]
        std::printf("%10s  %22s  %22s\n", "z", "sigma(z)", "sigma'(z)");
        for (std::size_t i = 0; i < z.size(); ++i) {
            std::printf("%10g  %22.17g  %22.17g\n", z(i), s(i), ds(i));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ch01: %s\n", e.what());
        return 1;
    }
}
