# The decision regions of the trained network with the data on top, from `ch07 --figure-data`
# (datadir/regions.dat: x1, x2, class on a 200 × 200 grid; datadir/spiral.dat: the points, x1 x2 label).
set terminal svg size 520,480 font 'sans,13' background rgb 'white'
set size ratio -1
set xrange [-1.2:1.2]
set yrange [-1.2:1.2]
set xlabel "x1"
set ylabel "x2"
unset colorbox
set palette defined (0 class_light_0, 1 class_light_1, 2 class_light_2)
set cbrange [0:2]
set key outside bottom center horizontal
plot datadir.'/regions.dat' using 1:2:3 with image notitle, \
     for [k=0:2] datadir.'/spiral.dat' using 1:($3 == k ? $2 : 1/0) with points pt 7 ps 0.25 \
       lc rgb class_colour(k) title sprintf("class %d", k)
