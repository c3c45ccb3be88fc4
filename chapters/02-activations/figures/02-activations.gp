# φ (left) and φ′ (right) for sigmoid, tanh and ReLU on [−4, 4], from `ch02 --figure-data`
# (datadir/activations.dat: z, sigmoid, sigmoid_prime, tanh, tanh_prime, relu, relu_prime).
set multiplot layout 1,2
set grid
set xlabel "z"
set xrange [-4:4]
set key left top samplen 1.5
set title "φ(z)"
set yrange [-1.1:2.1]
plot datadir.'/activations.dat' using 1:2 with lines lw 2 lc 1 title "sigmoid", \
     ''                         using 1:4 with lines lw 2 lc 2 title "tanh", \
     ''                         using 1:6 with lines lw 2 lc 3 title "ReLU"
set title "φ′(z)"
set yrange [-0.1:1.55]
set key right top samplen 1.5
# ReLU′ jumps at 0 (where it is 0 by convention): two pieces, so no line joins them.
plot datadir.'/activations.dat' using 1:3 with lines lw 2 lc 1 title "sigmoid′", \
     ''                         using 1:5 with lines lw 2 lc 2 title "tanh′", \
     ''                         using 1:($1 <= 0 ? $7 : 1/0) with lines lw 2 lc 3 title "ReLU′", \
     ''                         using 1:($1 > 0 ? $7 : 1/0) with lines lw 2 lc 3 notitle
unset multiplot
