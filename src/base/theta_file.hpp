/// \file theta_file.hpp
/// Chapter 7: saving a trained network to a text file and loading it back (course-provided).
///
/// The format, version 1, is plain text, one item per line:
///
///     nn-from-scratch parameters 1
///     widths 2 6 4 3
///     activation tanh
///     theta 61
///     -0.52341712980011416
///     …                              (61 lines, one number each, written with 17 significant digits)
///     end
///
/// The first line says what the file is; `widths` are f, c⁽¹⁾, …, c⁽ᴸ⁾; `activation` is the hidden
/// layers' φ (the output is always σ); `theta` gives ‖θ‖ = Σ (c⁽ˡ⁻¹⁾ + 1)·c⁽ˡ⁾, followed by exactly that
/// many numbers in the layout of unpack_theta; the last line is `end`. Seventeen significant digits
/// bring every double back bit for bit. A file that is not of this kind, cut short, or inconsistent
/// (a length that does not match the widths) is refused with a file_error that names the file, the line
/// and what is wrong.
#pragma once

#include <stdexcept>
#include <string>

#include "base/tensor.hpp"
#include "base/widths.hpp"

namespace nn {

/// A parameter file that cannot be read or written, or is not what it should be.
class file_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What a parameter file holds: the network's widths, its hidden activation and its θ.
struct SavedNetwork {
    Widths widths;           ///< {f, c⁽¹⁾, …, c⁽ᴸ⁾}
    std::string activation;  ///< "sigmoid", "tanh" or "relu"
    Vector theta;            ///< length theta_size(widths)
};

/// The first line of every parameter file.
inline constexpr const char* theta_file_magic = "nn-from-scratch parameters 1";

/// Writes net to path in the format above; throws file_error if the file cannot be written or θ has
/// the wrong length for the widths.
void save_network(const std::string& path, const SavedNetwork& net);

/// Reads a file written by save_network; throws file_error for a missing, foreign, truncated or
/// inconsistent file.
SavedNetwork load_network(const std::string& path);

}  // namespace nn
