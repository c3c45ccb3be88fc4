/// \file codec.hpp
/// The values a student's function takes and returns, as bytes on the pipe between the judge and the worker:
/// numbers bit for bit, arrays with their shape, the course's structs field by field, an activation by
/// its name, a Sequential by its layers, an Optimizer with its state.
///
/// put(out, value) appends a value; read<T>(in) takes one back. A Reader checks every length against what
/// is left, so bytes from a misbehaving worker end in a protocol_error, never in a read past the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "base/tensor.hpp"
#include "base/widths.hpp"

namespace nn::rpc {

/// The bytes on the pipe do not make sense (a worker that wrote on its own channel, or a bug here).
class protocol_error : public std::runtime_error {
public:
    explicit protocol_error(const std::string& what)
        : std::runtime_error("protocol error between the judge and the worker: " + what)
    {
    }
};

using Bytes = std::string;

template <class T>
struct Tag {
};

class Reader {
public:
    explicit Reader(const Bytes& bytes) : bytes_(&bytes) {}

    /// n bytes, or a protocol_error when fewer are left.
    const char* take(std::size_t n)
    {
        if (n > left()) {
            throw protocol_error("a message ended early");
        }
        const char* p = bytes_->data() + at_;
        at_ += n;
        return p;
    }
    /// A count of items of `size` bytes each, checked against what is left.
    std::size_t count(std::size_t size);
    std::size_t left() const { return bytes_->size() - at_; }

private:
    const Bytes* bytes_;
    std::size_t at_ = 0;
};

// Numbers: their bytes as they are in memory (both processes run on the same machine), so a double
// arrives bit for bit (NaN payloads and −0 included).
template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
void put(Bytes& out, T x)
{
    out.append(reinterpret_cast<const char*>(&x), sizeof x);
}
template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
T read(Reader& in, Tag<T>)
{
    T x;
    std::memcpy(&x, in.take(sizeof x), sizeof x);
    return x;
}
template <class T>
T read(Reader& in)
{
    return read(in, Tag<T>{});
}

inline std::size_t Reader::count(std::size_t size)
{
    const auto n = read<std::uint64_t>(*this);
    if (size && n > left() / size) {
        throw protocol_error("a length larger than the message");
    }
    return static_cast<std::size_t>(n);
}

inline void put(Bytes& out, const std::string& s)
{
    put<std::uint64_t>(out, s.size());
    out += s;
}
inline std::string read(Reader& in, Tag<std::string>)
{
    const std::size_t n = in.count(1);
    return std::string(in.take(n), n);
}

// Arrays of any rank: the shape, then the elements in row-major order.
template <class E, class = typename E::shape_type>
void put(Bytes& out, const E& a)
{
    put<std::uint64_t>(out, a.dimension());
    for (auto extent : a.shape()) {
        put<std::uint64_t>(out, extent);
    }
    for (auto x : a) {
        put(out, x);
    }
}
/// The shape of an array, checked: rank `rank` (any with −1), and no more elements than the bytes left.
std::vector<std::size_t> read_shape(Reader& in, int rank, std::size_t element_size);

template <class T, xt::layout_type L, class A, class SA>
xt::xarray<T, L, A, SA> read(Reader& in, Tag<xt::xarray<T, L, A, SA>>)
{
    const auto shape = read_shape(in, -1, sizeof(T));
    xt::xarray<T, L, A, SA> a(shape);
    for (auto& x : a) {
        x = read<T>(in);
    }
    return a;
}
template <class T, std::size_t N, xt::layout_type L, class A>
xt::xtensor<T, N, L, A> read(Reader& in, Tag<xt::xtensor<T, N, L, A>>)
{
    const auto shape = read_shape(in, static_cast<int>(N), sizeof(T));
    std::array<std::size_t, N> fixed;
    std::copy(shape.begin(), shape.end(), fixed.begin());
    xt::xtensor<T, N, L, A> a(fixed);
    for (auto& x : a) {
        x = read<T>(in);
    }
    return a;
}

// Lists: their length, then each item (Widths, the matrices of pack_theta, a Sequential's z⁽ˡ⁾ …).
template <class T, class A>
void put(Bytes& out, const std::vector<T, A>& v)
{
    put<std::uint64_t>(out, v.size());
    for (const auto& x : v) {
        put(out, x);
    }
}
template <class T, class A>
std::vector<T, A> read(Reader& in, Tag<std::vector<T, A>>)
{
    std::vector<T, A> v;
    const std::size_t n = in.count(1);
    v.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        v.push_back(read<T>(in));
    }
    return v;
}

/// An argument the worker changed, given back to the caller: an array of the same shape keeps its memory
/// (views into it stay valid, as they would without the worker).
template <class T>
void update(T& target, T&& value)
{
    target = std::move(value);
}
template <class T, std::size_t N, xt::layout_type L, class A>
void update(xt::xtensor<T, N, L, A>& target, xt::xtensor<T, N, L, A>&& value)
{
    if (target.shape() == value.shape()) {
        std::copy(value.begin(), value.end(), target.begin());
    } else {
        target = std::move(value);
    }
}

/// No array of the course comes near this many rows or columns.
constexpr std::uint64_t max_dimension = std::uint64_t(1) << 32;

inline std::vector<std::size_t> read_shape(Reader& in, int rank, std::size_t element_size)
{
    const std::size_t dims = in.count(sizeof(std::uint64_t));
    if (rank >= 0 && dims != static_cast<std::size_t>(rank)) {
        throw protocol_error("an array of rank " + std::to_string(dims) + " where rank " +
                             std::to_string(rank) + " was expected");
    }
    std::vector<std::size_t> shape;
    std::size_t size = 1;
    for (std::size_t k = 0; k < dims; ++k) {
        shape.push_back(read<std::uint64_t>(in));
        // (Beside a 0, a dimension of any size costs no bytes, but xtensor's signed strides would overflow.)
        if (shape.back() > max_dimension) {
            throw protocol_error("an array dimension of " + std::to_string(shape.back()) + ", above " +
                                 std::to_string(max_dimension));
        }
        if (shape.back() && size > SIZE_MAX / shape.back()) {
            throw protocol_error("an array too large");
        }
        size *= shape.back();
    }
    if (size > in.left() / element_size) {
        throw protocol_error("an array larger than the message");
    }
    return shape;
}

}  // namespace nn::rpc
