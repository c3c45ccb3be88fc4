// The judge's pipe on its own: values arrive bit for bit and shape for shape, a message that lies about its
// lengths is refused, exceptions keep their type and message, and θ⁽ˡ⁾ views point into the caller's θ when
// and only when the worker's pointed into its θ.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include "base/errors.hpp"
#include "carry.hpp"
#include "course_types.hpp"
#include "protocol.hpp"

namespace nn::rpc {
namespace {

template <class T>
T round_trip(const T& value)
{
    Bytes bytes;
    put(bytes, value);
    Reader in(bytes);
    T back = read<T>(in);
    BOOST_TEST(in.left() == 0u);
    return back;
}

bool same_bits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

BOOST_AUTO_TEST_SUITE(codec)

BOOST_AUTO_TEST_CASE(doubles_arrive_bit_for_bit)
{
    const double nan_with_payload = [] {
        std::uint64_t bits = 0x7ff8000000000123ull;
        double x;
        std::memcpy(&x, &bits, sizeof x);
        return x;
    }();
    for (double x : {0.1, -0.0, 5e-324, std::numeric_limits<double>::infinity(), nan_with_payload, 1.0 / 3}) {
        BOOST_TEST(same_bits(round_trip(x), x));
    }
}

BOOST_AUTO_TEST_CASE(arrays_keep_their_shape)
{
    const Array scalar = 2.5;
    const Array cube = xt::reshape_view(xt::arange<double>(24.0), {2, 3, 4});
    const Matrix empty = Matrix::from_shape({0, 3});
    BOOST_TEST(round_trip(scalar).dimension() == 0u);
    BOOST_TEST(round_trip(scalar)() == 2.5);
    BOOST_TEST(round_trip(cube) == cube);
    BOOST_TEST((round_trip(empty).shape() == std::array<std::size_t, 2>{0, 3}));
    const Labels y = {2, 0, 1};
    BOOST_TEST(round_trip(y) == y);
    const std::vector<Matrix> thetas = {Matrix{{1, 2}}, Matrix{{3}, {4}}};
    BOOST_TEST((round_trip(thetas)[1] == thetas[1]));
}

BOOST_AUTO_TEST_CASE(structs_and_course_types_arrive_field_by_field)
{
    Forward f;
    f.z2 = Matrix{{1, 2}, {3, 4}};
    f.y_hat = Matrix{{0.25}};
    const Forward g = round_trip(f);
    BOOST_TEST(g.z2 == f.z2);
    BOOST_TEST(g.y_hat == f.y_hat);
    BOOST_TEST(round_trip(activation("relu")).name == "relu");
    BOOST_TEST(round_trip(activation("relu")).phi.function() == activation("relu").phi.function());
    const Sequential model({2, 5, 3}, "tanh");
    BOOST_TEST(round_trip(model).describe() == model.describe());
    Optimizer adam("adam", 0.05);
    Vector theta = {1.0, 2.0};
    adam.step(theta, Vector{0.5, -0.5});
    Optimizer back = round_trip(adam);
    Vector a = theta, b = theta;
    adam.step(a, Vector{0.1, 0.2});
    back.step(b, Vector{0.1, 0.2});
    BOOST_TEST(a == b);  // the same state: the same next step
}

BOOST_AUTO_TEST_CASE(a_message_that_lies_about_its_lengths_is_refused)
{
    Bytes bytes;
    put(bytes, Matrix{{1, 2}, {3, 4}});
    Bytes cut = bytes.substr(0, bytes.size() - 1);
    Reader short_one(cut);
    BOOST_CHECK_THROW(read<Matrix>(short_one), protocol_error);
    Bytes huge;
    put<std::uint64_t>(huge, 2);
    put<std::uint64_t>(huge, 1u << 31);
    put<std::uint64_t>(huge, 1u << 31);
    Reader lying(huge);
    BOOST_CHECK_THROW(read<Matrix>(lying), protocol_error);  // not bad_alloc: nothing allocated
    Bytes empty_but_huge;  // 0 × 2⁶³ costs no bytes, but its strides would overflow
    put<std::uint64_t>(empty_but_huge, 2);
    put<std::uint64_t>(empty_but_huge, 0);
    put<std::uint64_t>(empty_but_huge, std::uint64_t(1) << 63);
    Reader overflowing(empty_but_huge);
    BOOST_CHECK_THROW(read<Matrix>(overflowing), protocol_error);
    Bytes rank3;
    put(rank3, Array(xt::zeros<double>({1, 1, 1})));
    Reader wrong_rank(rank3);
    BOOST_CHECK_THROW(read<Matrix>(wrong_rank), protocol_error);
}

// The worker is the student's program: the judge reads whatever it sends. Every message cut short is
// refused, and a message with any byte changed gives a value or an exception, never a crash or a huge
// allocation (`./course test` runs this under AddressSanitizer and UBSan too).
template <class T>
void survives_damage(const T& value)
{
    Bytes bytes;
    put(bytes, value);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        const Bytes cut = bytes.substr(0, n);
        Reader in(cut);
        BOOST_CHECK_THROW(read<T>(in), protocol_error);
    }
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        for (unsigned char flip : {0x01, 0x80, 0xff}) {
            Bytes damaged = bytes;
            damaged[i] = char(static_cast<unsigned char>(damaged[i]) ^ flip);
            Reader in(damaged);
            try {
                (void)read<T>(in);
            } catch (const std::bad_alloc&) {
                BOOST_ERROR("byte " << i << " ^ " << int(flip)
                                    << ": an allocation the message did not pay for");
            } catch (const std::exception&) {
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(damaged_messages_are_refused_never_a_crash)
{
    survives_damage(Matrix{{1, 2, 3}, {4, 5, 6}});
    survives_damage(Array(xt::reshape_view(xt::arange<double>(8.0), {2, 2, 2})));
    survives_damage(Labels{2, 0, 1});
    survives_damage(std::vector<Matrix>{Matrix{{1, 2}}, Matrix{{3}, {4}}});
    survives_damage(std::string("not implemented yet"));
    Forward f;
    f.z1 = Matrix{{1, 2}};
    f.y_hat = Matrix{{0.25}};
    survives_damage(f);
    survives_damage(activation("tanh"));
    survives_damage(Sequential({2, 3, 1}, "relu"));
    Optimizer adam("adam", 0.05);
    Vector theta = {1.0, 2.0};
    adam.step(theta, Vector{0.5, -0.5});
    survives_damage(adam);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(carry)

template <class Error>
std::string carried(const std::function<void()>& thrower)
{
    Bytes bytes;
    try {
        thrower();
    } catch (...) {
        put_current_exception(bytes);
    }
    Reader in(bytes);
    try {
        rethrow(in);
    } catch (const Error& e) {
        return e.what();
    } catch (...) {
        return "(another type)";
    }
}

BOOST_AUTO_TEST_CASE(exceptions_keep_their_type_and_message)
{
    BOOST_TEST(carried<not_implemented>([] { throw not_implemented("sigmoid", 1); }) ==
               "not implemented yet: sigmoid (chapter 1)");
    BOOST_TEST(carried<shape_error>([] { throw shape_error("theta1: expected (3, 6), got (2, 6)"); }) ==
               "theta1: expected (3, 6), got (2, 6)");
    BOOST_TEST(carried<value_error>([] { throw value_error("label 7 at index 2"); }) == "label 7 at index 2");
    BOOST_TEST(carried<std::invalid_argument>([] { throw std::invalid_argument("c"); }) == "c");
    BOOST_TEST(carried<std::runtime_error>([] { throw std::runtime_error("a mistake"); }) == "a mistake");
    BOOST_TEST(carried<std::bad_alloc>([] { throw std::bad_alloc(); }) == std::bad_alloc().what());
    BOOST_TEST(carried<shape_error>([] { throw std::invalid_argument("x"); }) == "(another type)");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(views)

BOOST_AUTO_TEST_CASE(views_into_theta_write_through_and_views_elsewhere_do_not)
{
    Vector theirs = xt::arange<double>(10.0);  // the worker's copy of θ
    static double elsewhere[4] = {7, 7, 7, 7};
    std::vector<MatrixView> views;
    views.emplace_back(xt::xbuffer_adaptor<double*, xt::no_ownership>(theirs.data() + 4, 6),
                       std::array<std::size_t, 2>{2, 3});
    views.emplace_back(xt::xbuffer_adaptor<double*, xt::no_ownership>(elsewhere, 4),
                       std::array<std::size_t, 2>{2, 2});
    Bytes bytes;
    put_views(bytes, views, theirs);
    Vector mine = xt::arange<double>(10.0);  // the caller's θ
    Reader in(bytes);
    auto got = read_views(in, mine);
    BOOST_TEST(got[0](1, 2) == 9.0);
    got[0](0, 0) = -1.0;
    BOOST_TEST(mine(4) == -1.0);
    BOOST_TEST(got[1](1, 1) == 7.0);
    BOOST_TEST((got[1].data() < mine.data() || got[1].data() >= mine.data() + mine.size()));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace nn::rpc
