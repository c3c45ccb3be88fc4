// The problem every implementation of the appendix solves.
#include <cmath>
#include <random>
#include <vector>
#include <xtensor/xadapt.hpp>
#include <xtensor/xbuilder.hpp>

#include "base/data.hpp"
#include "bench.hpp"

namespace bench {

Problem make_problem(std::size_t per_class)
{
    Problem p;
    const nn::Dataset data = nn::make_spiral(per_class, 3, 0);
    p.X = data.X;
    p.Y = xt::zeros<double>({data.y.size(), std::size_t(data.classes)});
    for (std::size_t i = 0; i < data.y.size(); ++i) p.Y(i, std::size_t(data.y(i))) = 1.0;
    std::mt19937_64 rng(0);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<double> theta;
    for (std::size_t l = 1; l < p.c.size(); ++l) {
        for (std::size_t r = 0; r <= p.c[l - 1]; ++r) {
            for (std::size_t k = 0; k < p.c[l]; ++k) {
                theta.push_back(r == 0 ? 0.0 : normal(rng) / std::sqrt(double(p.c[l - 1])));
            }
        }
    }
    p.theta0 = xt::adapt(theta, {theta.size()});
    return p;
}

}  // namespace bench
