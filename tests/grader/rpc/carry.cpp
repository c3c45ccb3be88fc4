#include "carry.hpp"

#include <new>
#include <regex>
#include <stdexcept>

#include "base/errors.hpp"
#include "protocol.hpp"

namespace nn::rpc {

namespace {

/// A C++ exception of no standard type (`throw 0;`): Boost.Test reports it as of an unknown type.
struct unknown_exception {};

void put_error(Bytes& out, Error kind, const char* what)
{
    put(out, static_cast<std::uint8_t>(kind));
    put(out, std::string(what));
}

}  // namespace

void put_current_exception(Bytes& out)
{
    // The most derived types first.
    try {
        throw;
    } catch (const not_implemented& e) {
        put_error(out, Error::not_implemented, e.what());
    } catch (const shape_error& e) {
        put_error(out, Error::shape_error, e.what());
    } catch (const value_error& e) {
        put_error(out, Error::value_error, e.what());
    } catch (const usage_error& e) {
        put_error(out, Error::usage_error, e.what());
    } catch (const std::invalid_argument& e) {
        put_error(out, Error::invalid_argument, e.what());
    } catch (const std::domain_error& e) {
        put_error(out, Error::domain_error, e.what());
    } catch (const std::length_error& e) {
        put_error(out, Error::length_error, e.what());
    } catch (const std::out_of_range& e) {
        put_error(out, Error::out_of_range, e.what());
    } catch (const std::logic_error& e) {
        put_error(out, Error::logic_error, e.what());
    } catch (const std::bad_alloc& e) {
        put_error(out, Error::bad_alloc, e.what());
    } catch (const std::range_error& e) {
        put_error(out, Error::range_error, e.what());
    } catch (const std::overflow_error& e) {
        put_error(out, Error::overflow_error, e.what());
    } catch (const std::underflow_error& e) {
        put_error(out, Error::underflow_error, e.what());
    } catch (const std::runtime_error& e) {
        put_error(out, Error::runtime_error, e.what());
    } catch (const std::exception& e) {
        put_error(out, Error::exception, e.what());
    } catch (...) {
        put_error(out, Error::unknown, "");
    }
}

namespace {

/// A std::exception of no more specific type, with its message.
class carried_exception : public std::exception {
public:
    explicit carried_exception(std::string what) : what_(std::move(what)) {}
    const char* what() const noexcept override { return what_.c_str(); }

private:
    std::string what_;
};

}  // namespace

void rethrow(Reader& in)
{
    const auto kind = static_cast<Error>(read<std::uint8_t>(in));
    const auto what = read<std::string>(in);
    switch (kind) {
        case Error::not_implemented: {
            // "not implemented yet: sigmoid (chapter 1)", as the stub's not_implemented("sigmoid", 1) says
            // it.
            static const std::regex stub(R"(not implemented yet: (\w+) \(chapter (\d+)\))");
            std::smatch m;
            if (std::regex_match(what, m, stub)) {
                throw not_implemented(m[1], std::stoi(m[2]));
            }
            throw std::logic_error(what);
        }
        case Error::shape_error:
            throw shape_error(what);
        case Error::value_error:
            throw value_error(what);
        case Error::usage_error:
            throw usage_error(what);
        case Error::invalid_argument:
            throw std::invalid_argument(what);
        case Error::domain_error:
            throw std::domain_error(what);
        case Error::length_error:
            throw std::length_error(what);
        case Error::out_of_range:
            throw std::out_of_range(what);
        case Error::logic_error:
            throw std::logic_error(what);
        case Error::bad_alloc:
            throw std::bad_alloc();
        case Error::range_error:
            throw std::range_error(what);
        case Error::overflow_error:
            throw std::overflow_error(what);
        case Error::underflow_error:
            throw std::underflow_error(what);
        case Error::runtime_error:
            throw std::runtime_error(what);
        case Error::exception:
            throw carried_exception(what);
        case Error::unknown:
            throw unknown_exception{};
    }
    throw protocol_error("an exception of unknown kind " + std::to_string(int(kind)));
}

}  // namespace nn::rpc
