// Chapter 8's course code: the Sequential class (its shapes, activations and θ's views).
#include "course/08-sequential/sequential_model.hpp"

#include <stdexcept>

#include "base/checks.hpp"
#include "student/theta.hpp"

namespace nn {

namespace {

std::vector<Layer> lecture_layers(const Widths& widths, const std::string& hidden)
{
    if (widths.size() < 2) {
        throw std::invalid_argument("Sequential: widths need f and at least one layer, got " +
                                    widths_str(widths));
    }
    std::vector<Layer> layers;
    for (std::size_t l = 1; l < widths.size(); ++l) {
        layers.push_back({widths[l], l + 1 < widths.size() ? hidden : std::string("sigmoid")});
    }
    return layers;
}

}  // namespace

Sequential::Sequential(std::size_t features, std::vector<Layer> layers) : layers_(std::move(layers))
{
    if (features == 0) {
        throw std::invalid_argument("Sequential: the number of inputs f must be at least 1");
    }
    if (layers_.empty()) {
        throw std::invalid_argument("Sequential: a network needs at least one layer");
    }
    widths_.push_back(features);
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        if (layers_[l].units == 0) {
            throw std::invalid_argument("Sequential: layer " + std::to_string(l + 1) + " has 0 units");
        }
        widths_.push_back(layers_[l].units);
        phis_.push_back(&activation(layers_[l].activation));  // throws for an unknown name
    }
    if (layers_.back().activation != "sigmoid") {
        throw std::invalid_argument(
            "Sequential: the last layer's activation must be sigmoid (the loss is computed "
            "from its z), got " +
            layers_.back().activation);
    }
}

Sequential::Sequential(const Widths& widths, const std::string& hidden_activation)
    : Sequential(widths.empty() ? 0 : widths.front(), lecture_layers(widths, hidden_activation))
{
}

std::size_t Sequential::theta_size() const
{
    return nn::theta_size(widths_);
}

const Activation& Sequential::phi(std::size_t l) const
{
    if (l < 1 || l > layers_.size()) {
        throw std::out_of_range("Sequential: there is no layer " + std::to_string(l) + " (layers 1 … " +
                                std::to_string(layers_.size()) + ")");
    }
    return *phis_[l - 1];
}

std::vector<MatrixView> Sequential::unpack(Vector& theta) const
{
    expect_length(theta, theta_size(), "theta (for the Sequential " + widths_arrow(widths_) + ")");
    return unpack_theta(theta, widths_);
}

std::string Sequential::describe() const
{
    std::string out = widths_arrow(widths_) + " (";
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        out += (l ? ", " : "") + layers_[l].activation;
    }
    return out + ")";
}

}  // namespace nn
