# The decision regions of the trained network with the data on top, from `ch07 --figure-data`
# (datadir/regions.dat: x1, x2, class on a 200 × 200 grid; datadir/spiral.dat: the points, x1 x2 label).
set terminal svg size 520,480 font 'sans,13' background rgb 'white'
set size ratio -1
set xrange [-1.2:1.2]
set yrange [-1.2:1.2]
set xlabel "x1"
set ylabel "x2"
unset colorbox
set palette defined (0 '#c6dbef', 1 '#fdd0a2', 2 '#c7e9c0')
set cbrange [0:2]
set key outside bottom center horizontal
plot datadir.'/regions.dat' using 1:2:3 with image notitle, \
     datadir.'/spiral.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.25 lc rgb '#1f77b4' title "class 0", \
     ''                    using 1:($3 == 1 ? $2 : 1/0) with points pt 7 ps 0.25 lc rgb '#ff7f0e' title "class 1", \
     ''                    using 1:($3 == 2 ? $2 : 1/0) with points pt 7 ps 0.25 lc rgb '#2ca02c' title "class 2"
