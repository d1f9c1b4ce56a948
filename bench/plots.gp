# gnuplot script of bench/run: one line per data file, x = documents, log-log.
# Variables from -e: files (space-separated .dat paths, "docs value" rows), out (PNG), ylabel.
set terminal pngcairo size 900,560 noenhanced font ",11"
set output out
set logscale xy
set xlabel "documents"
set ylabel ylabel
set key outside right top
set grid
series(f) = system("basename " . f . " .dat | sed 's/^plot-[a-z0-9]*-//'")
# Twelve colours (gnuplot's default cycle has eight, and the query plots have ten series) and point types.
colors = "#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd #8c564b #e377c2 #7f7f7f #bcbd22 #17becf #000000 #aec7e8"
plot for [i = 1:words(files)] word(files, i) using 1:2 with linespoints lw 2 pt (i % 12 + 1) lc rgb word(colors, (i - 1) % 12 + 1) title series(word(files, i))
