# The lecture's network 2 → 6 → 4 → 3 for the main page (docs/mainpage.md): units as circles, the bias
# unit "1" of each layer as a square, every weight as a line, under each layer of weights the shape of its θ.
# Built like the chapters' figures (docs/CMakeLists.txt), from no data.
set terminal svg size 720,400 font 'sans,13' background rgb 'white'
unset border; unset tics; unset key
set xrange [-0.9:6.9]
set yrange [-3.6:3.4]

array n[4] = [2, 6, 4, 3]
array name[4] = ["x (f = 2)", "a^{(1)} (6)", "a^{(2)} (4)", "ŷ (3)"]
array shape[3] = ["θ^{(1)}: 3 × 6", "θ^{(2)}: 7 × 4", "θ^{(3)}: 5 × 3"]
# Unit j (j = 0 is the bias) of layer l, centred on y = 0, 0.9 apart.
y(l, j) = (n[l] + (l < 4 ? 1 : 0) - 1) * 0.45 - (l < 4 ? j : j - 1) * 0.9
X(l) = 2 * (l - 1)
obj = 1
do for [l = 1:3] {
  do for [j = 0:n[l]] {
    do for [k = 1:n[l + 1]] {
      set arrow from X(l), y(l, j) to X(l + 1), y(l + 1, k) nohead lc rgb (j == 0 ? bias_line : weight_line) lw 0.8 back
    }
  }
  set label shape[l] at X(l) + 1, -3.3 center enhanced
}
do for [l = 1:4] {
  do for [j = (l < 4 ? 0 : 1):n[l]] {
    if (j == 0) {
      set object obj rect center X(l), y(l, j) size 0.28, 0.36 fc rgb bias_fill fs solid border lc rgb outline front
      set label "1" at X(l), y(l, j) center front
    } else {
      set object obj circle center X(l), y(l, j) size 0.17 fc rgb unit_colour(l) fs solid border lc rgb outline front
    }
    obj = obj + 1
  }
  set label name[l] at X(l), 3.1 center enhanced
}
plot NaN
