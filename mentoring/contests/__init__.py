"""Contests and encouragement: «Лучшая пара» of a school, «Лучший педагог-наставник» of a municipality,
their jury and scores, results and the results order; candidates for awards (seed 004, 6.2)."""
