/// \file course_types.hpp
/// The course's own types on the pipe (codec.hpp has the numbers, strings, arrays and lists): the structs
/// of the student's API field by field, an Activation by its name, a Sequential by its layers, an Optimizer
/// with its state, and θ⁽ˡ⁾ views that say whether (and where) they point into the caller's θ.
#pragma once

#include <deque>

#include "codec.hpp"
#include "course/02-activations/activation.hpp"
#include "course/07-training/optimizer.hpp"
#include "course/08-sequential/sequential_model.hpp"
#include "student/backprop.hpp"
#include "student/forward.hpp"
#include "student/sequential.hpp"
#include "student/training.hpp"

namespace nn {

/// The grader's way into an Optimizer's state (a friend of the class): its velocity and Adam's m, v, t.
struct OptimizerAccess {
    static Vector& velocity(Optimizer& o) { return o.velocity_; }
    static AdamState& adam(Optimizer& o) { return o.adam_; }
    static double mu(const Optimizer& o) { return o.mu_; }
};

namespace rpc {

// An activation by its name: the worker takes its own activation(name), the same φ and φ′.
inline void put(Bytes& out, const Activation& phi)
{
    put(out, phi.name);
}
inline Activation read(Reader& in, Tag<Activation>)
{
    return activation(read<std::string>(in));
}

inline void put(Bytes& out, const Forward& f)
{
    for (const Matrix* m : {&f.x_star, &f.z1, &f.a1, &f.a1_star, &f.z2, &f.a2, &f.a2_star, &f.z3, &f.y_hat}) {
        put(out, *m);
    }
}
inline Forward read(Reader& in, Tag<Forward>)
{
    Forward f;
    for (Matrix* m : {&f.x_star, &f.z1, &f.a1, &f.a1_star, &f.z2, &f.a2, &f.a2_star, &f.z3, &f.y_hat}) {
        *m = read<Matrix>(in);
    }
    return f;
}

inline void put(Bytes& out, const Gradients& g)
{
    for (const Matrix* m : {&g.dz3, &g.dtheta3, &g.da2, &g.dz2, &g.dtheta2, &g.da1, &g.dz1, &g.dtheta1}) {
        put(out, *m);
    }
}
inline Gradients read(Reader& in, Tag<Gradients>)
{
    Gradients g;
    for (Matrix* m : {&g.dz3, &g.dtheta3, &g.da2, &g.dz2, &g.dtheta2, &g.da1, &g.dz1, &g.dtheta1}) {
        *m = read<Matrix>(in);
    }
    return g;
}

inline void put(Bytes& out, const LossAndGradient& lg)
{
    put(out, lg.loss);
    put(out, lg.gradient);
}
inline LossAndGradient read(Reader& in, Tag<LossAndGradient>)
{
    LossAndGradient lg;
    lg.loss = read<double>(in);
    lg.gradient = read<Vector>(in);
    return lg;
}

inline void put(Bytes& out, const AdamState& s)
{
    put(out, s.m);
    put(out, s.v);
    put(out, s.t);
}
inline AdamState read(Reader& in, Tag<AdamState>)
{
    AdamState s;
    s.m = read<Vector>(in);
    s.v = read<Vector>(in);
    s.t = read<int>(in);
    return s;
}

inline void update(AdamState& target, AdamState&& value)
{
    update(target.m, std::move(value.m));
    update(target.v, std::move(value.v));
    target.t = value.t;
}

// An optimizer: its name, η and μ, and its state, so that train() in the worker steps on from where the
// caller's optimizer stood, and the caller's optimizer stands where the worker's ended.
inline void put(Bytes& out, const Optimizer& o)
{
    auto& state = const_cast<Optimizer&>(o);
    put(out, o.name());
    put(out, o.lr());
    put(out, OptimizerAccess::mu(o));
    put(out, OptimizerAccess::velocity(state));
    put(out, OptimizerAccess::adam(state));
}
inline Optimizer read(Reader& in, Tag<Optimizer>)
{
    const auto name = read<std::string>(in);
    const auto lr = read<double>(in);
    const auto mu = read<double>(in);
    Optimizer o(name, lr, mu);
    OptimizerAccess::velocity(o) = read<Vector>(in);
    OptimizerAccess::adam(o) = read<AdamState>(in);
    return o;
}

inline void put(Bytes& out, const Sequential& model)
{
    put<std::uint64_t>(out, model.widths().at(0));
    put<std::uint64_t>(out, model.layers().size());
    for (const auto& layer : model.layers()) {
        put<std::uint64_t>(out, layer.units);
        put(out, layer.activation);
    }
}
inline Sequential read(Reader& in, Tag<Sequential>)
{
    const auto features = read<std::uint64_t>(in);
    std::vector<Layer> layers(in.count(2 * sizeof(std::uint64_t)));
    for (auto& layer : layers) {
        layer.units = read<std::uint64_t>(in);
        layer.activation = read<std::string>(in);
    }
    return Sequential(features, layers);
}

inline void put(Bytes& out, const SequentialForward& f)
{
    put(out, f.a_star);
    put(out, f.z);
    put(out, f.y_hat);
}
inline SequentialForward read(Reader& in, Tag<SequentialForward>)
{
    SequentialForward f;
    f.a_star = read<std::vector<Matrix>>(in);
    f.z = read<std::vector<Matrix>>(in);
    f.y_hat = read<Matrix>(in);
    return f;
}

/// Views (unpack_theta's θ⁽ˡ⁾), in the worker: for each, where it starts in the caller's θ (`into`), or −1
/// and its numbers when it points elsewhere (or runs past θ's end).
inline void put_views(Bytes& out, const std::vector<MatrixView>& views, const Vector& into)
{
    put<std::uint64_t>(out, views.size());
    const double* begin = into.data();
    const double* end = begin + into.size();
    for (const auto& view : views) {
        const double* p = view.data();
        const bool inside =
            view.size() == 0 || (p >= begin && p < end && view.size() <= std::size_t(end - p));
        put<std::int64_t>(out, inside && view.size() ? p - begin : -1);
        put<std::uint64_t>(out, view.shape(0));
        put<std::uint64_t>(out, view.shape(1));
        if (!(inside && view.size())) {
            for (double x : view) {
                put(out, x);
            }
        }
    }
}

/// In the judge: views into the caller's θ where the worker's pointed into its copy of θ (writing to one
/// writes to θ, as it would without the worker), and views of numbers of their own otherwise (kept for as
/// long as the judge runs, like memory the student's code would have leaked).
inline std::vector<MatrixView> read_views(Reader& in, Vector& into)
{
    static std::deque<std::vector<double>> elsewhere;
    std::vector<MatrixView> views;
    const std::size_t n = in.count(3 * sizeof(std::uint64_t));
    for (std::size_t k = 0; k < n; ++k) {
        const auto offset = read<std::int64_t>(in);
        const std::array<std::size_t, 2> shape{read<std::uint64_t>(in), read<std::uint64_t>(in)};
        if (shape[1] && shape[0] > SIZE_MAX / shape[1]) {
            throw protocol_error("a view too large");
        }
        const std::size_t size = shape[0] * shape[1];
        double* data;
        if (offset >= 0) {
            if (std::size_t(offset) > into.size() || size > into.size() - std::size_t(offset)) {
                throw protocol_error("a view past the end of theta");
            }
            data = into.data() + offset;
        } else {
            if (size > in.left() / sizeof(double)) {
                throw protocol_error("a view larger than the message");
            }
            auto& numbers = elsewhere.emplace_back(size);
            for (double& x : numbers) {
                x = read<double>(in);
            }
            data = numbers.data();
        }
        views.emplace_back(xt::xbuffer_adaptor<double*, xt::no_ownership>(data, size), shape);
    }
    return views;
}

}  // namespace rpc
}  // namespace nn
