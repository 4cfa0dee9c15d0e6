// Home page: beside each page's time estimate, the student's progress on it, from the
// work saved in this browser (app.js calls this whenever the saved work changes).

function started(page, work) {
  return Object.keys(page.exercises).some((id) => work[id]);
}

/** Fill the home page's progress slots; progressOf(page, work) -> {total, passed, points, max}. */
export function showHomeProgress(course, work, progressOf) {
  if (!document.querySelector(".home-contents")) return;
  let passed = 0;
  let total = 0;
  for (const page of course.pages) {
    const li = document.querySelector(`.home-item[data-slug="${page.slug}"]`);
    const p = progressOf(page, work);
    passed += p.passed;
    total += p.total;
    if (!li || !p.total) continue;
    const slot = li.querySelector('[data-role="home-progress"]');
    const done = p.passed === p.total;
    if (!started(page, work)) slot.textContent = `not started, ${p.total} exercises`;
    else if (done) slot.textContent = `all ${p.total} passed, ${p.points} of ${p.max} points`;
    else slot.textContent = `${p.passed} of ${p.total} passed, ${p.points} of ${p.max} points`;
    li.classList.toggle("started", started(page, work));
    li.classList.toggle("complete", done);
  }
  const summary = document.querySelector('[data-role="home-total"]');
  if (summary) summary.textContent = `So far you have passed ${passed} of ${total} exercises.`;
}
