# σ and σ′ on [−8, 8], from `ch01 --figure-data` (datadir/sigmoid.dat: z, sigma, sigma_prime).
set xlabel "z"
set xrange [-8:8]
set yrange [-0.05:1.05]
set grid
set key left top
plot datadir.'/sigmoid.dat' using 1:2 with lines lw 2 title "σ(z)", \
     ''                     using 1:3 with lines lw 2 title "σ′(z)"
