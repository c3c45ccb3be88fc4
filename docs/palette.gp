# The website's one palette, loaded before every figure's script (docs/plot.cmake): the Okabe–Ito colours,
# safe for the common kinds of colour blindness. No figure script names a colour of its own
# (docs/check_palette.py, CTest docs.palette): the spiral's classes are the same colours on every page.
okabe_ito = "#0072B2 #E69F00 #009E73 #CC79A7 #56B4E9 #D55E00 #F0E442 #000000"
# Lines and points without a colour of their own take these, in this order (linetype 1 is blue, 2 orange …).
do for [i = 1:8] { set linetype i lc rgb word(okabe_ito, i) }
# The classes 0, 1, 2 of the spiral: blue, orange, bluish green; light shades of them for decision regions.
class_colour(k) = word("#0072B2 #E69F00 #009E73", k + 1)
class_light(k) = word("#B3D4E8 #F6E2B3 #B3E2D5", k + 1)
class_light_0 = class_light(0)
class_light_1 = class_light(1)
class_light_2 = class_light(2)
# The layers 1, 2, 3 of θ (chapter 4's layout, the main page's network), a darker shade for the bias row.
layer_colour(l, bias) = int(word(bias > 0.5 ? "0x0072B2 0xE69F00 0x009E73" : "0x80B8D8 0xF2CF80 0x80CEB9", int(l)))
# Units of the network drawing: input, hidden, output; a bias unit; the lines (weights) and bias lines.
unit_colour(l) = word("#F6E2B3 #B3D4E8 #B3E2D5", l == 1 ? 1 : l == 4 ? 3 : 2)
bias_fill = "#EEEEEE"
weight_line = "#80B8D8"
bias_line = "#B0B0B0"
# One row stands out from the others (chapter 9: the course's own loop among the faster ones).
highlight = 0xE69F00
plain = 0x0072B2
outline = "#444444"
# A reference line or bar (chapter 9: the limit itself).
muted = 0x999999
