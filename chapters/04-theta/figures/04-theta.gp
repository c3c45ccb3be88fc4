# Where each θ(l) lies in the flat θ, from `ch04 --figure-data` (datadir/layout.dat: k, layer, row,
# column, bias — what unpack_theta shows for θ = (0, 1, …, 60)). Top: the 61 numbers of θ in a row;
# below: the same numbers viewed as θ(1) 3 × 6, θ(2) 7 × 4, θ(3) 5 × 3. Bias rows in the darker shade.
set terminal svg size 900,430 font 'sans,12' background rgb 'white'
unset border; unset tics; unset key
set xrange [-1:62]
set yrange [-19.5:4.5]
# Colours by layer (1, 2, 3), darker for the bias row: layer_colour of docs/palette.gp.
colour(l, bias) = layer_colour(l, bias)
# The matrices: cells 2.2 wide, side by side under the strip.
cell = 2.2
left(l) = l == 1 ? 4 : l == 2 ? 24 : 43
top = -1.5
set label "θ, 61 numbers: entries 0 … 17 are θ^{(1)}, 18 … 45 θ^{(2)}, 46 … 60 θ^{(3)}" at 30.5, 3.6 center enhanced
set label "θ^{(1)}: 3 × 6" at left(1) + 3 * cell, top + 1.1 center enhanced
set label "θ^{(2)}: 7 × 4" at left(2) + 2 * cell, top + 1.1 center enhanced
set label "θ^{(3)}: 5 × 3" at left(3) + 1.5 * cell, top + 1.1 center enhanced
set label "darker: row 0 of each θ^{(l)}, its bias row" at 61, -17.5 right font "sans,11" enhanced
plot datadir.'/layout.dat' \
       using ($1 + 0.5):(2):($1 + 0.04):($1 + 0.96):(1.3):(2.7):(colour($2, $5)) \
       with boxxyerror fs solid 1.0 noborder lc rgb variable, \
     '' using ($1 + 0.5):(2):(int($1) % 5 == 0 || $1 == 17 || $1 == 45 || $1 == 60 ? sprintf("%d", $1) : "") \
       with labels font 'sans,8', \
     '' using (left($2) + ($4 + 0.5) * cell):(top - ($3 + 0.5) * cell): \
              (left($2) + $4 * cell + 0.08):(left($2) + ($4 + 1) * cell - 0.08): \
              (top - ($3 + 1) * cell + 0.08):(top - $3 * cell - 0.08):(colour($2, $5)) \
       with boxxyerror fs solid 1.0 noborder lc rgb variable, \
     '' using (left($2) + ($4 + 0.5) * cell):(top - ($3 + 0.5) * cell):(sprintf("%d", $1)) with labels font 'sans,10'
