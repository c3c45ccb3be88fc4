# The decision regions of the linear model (left) and of the lecture's network (right), trained in the
# same run as the table, with the spiral on top, from `ch08 --figure-data` (datadir/regions.dat: x1, x2,
# then the class each model gives on a 150 × 150 grid; datadir/spiral.dat: x1 x2 label).
set terminal svg size 900,470 font 'sans,13' background rgb 'white'
set size ratio -1
set xrange [-1.2:1.2]
set yrange [-1.2:1.2]
unset colorbox
set palette defined (0 class_light_0, 1 class_light_1, 2 class_light_2)
set cbrange [0:2]
set tics font 'sans,10'
unset key
set multiplot layout 1,2
do for [m = 1:2] {
  set title (m == 1 ? "2 → 3, linear: no hidden layer" : "2 → 6 → 4 → 3, the lecture's network")
  plot datadir.'/regions.dat' using 1:2:(column(m + 2)) with image, \
       for [k=0:2] datadir.'/spiral.dat' using 1:($3 == k ? $2 : 1/0) with points pt 7 ps 0.2 lc rgb class_colour(k)
}
unset multiplot
