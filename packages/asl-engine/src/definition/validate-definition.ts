/** Checks a definition's structure; returns every problem found (empty when valid). */
export function validateDefinition(def: unknown): string[] {
  const problems: string[] = [];
  if (typeof def !== 'object' || def === null || Array.isArray(def))
    return ['The definition must be a JSON object'];
  checkMachine(def as Record<string, unknown>, '', problems);
  return problems;
}

function checkMachine(m: Record<string, unknown>, at: string, problems: string[]): void {
  const where = at || 'the state machine';
  const states = m.States;
  if (typeof m.StartAt !== 'string') problems.push(`${where}: missing StartAt`);
  if (typeof states !== 'object' || states === null || Array.isArray(states)) {
    problems.push(`${where}: missing States`);
    return;
  }
  const names = new Set(Object.keys(states));
  if (typeof m.StartAt === 'string' && !names.has(m.StartAt))
    problems.push(`${where}: StartAt '${m.StartAt}' is not a state`);
  for (const [name, raw] of Object.entries(states as Record<string, unknown>)) {
    const s = raw as Record<string, unknown>;
    const p = `State '${name}'`;
    if (typeof s !== 'object' || s === null) {
      problems.push(`${p}: must be an object`);
      continue;
    }
    const type = s.Type;
    if (!['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'].includes(String(type))) {
      problems.push(`${p}: unknown Type '${String(type)}'`);
      continue;
    }
    const terminal = type === 'Succeed' || type === 'Fail' || type === 'Choice';
    if (!terminal) {
      if (s.End !== true && typeof s.Next !== 'string') problems.push(`${p}: needs Next or End`);
      if (s.End === true && s.Next !== undefined) problems.push(`${p}: has both Next and End`);
    }
    const refs: string[] = [];
    if (typeof s.Next === 'string') refs.push(s.Next);
    if (type === 'Choice') {
      if (!Array.isArray(s.Choices) || s.Choices.length === 0)
        problems.push(`${p}: Choices must be a non-empty array`);
      else
        for (const c of s.Choices as Record<string, unknown>[])
          if (typeof c?.Next === 'string') refs.push(c.Next);
      if (typeof s.Default === 'string') refs.push(s.Default);
    }
    if (Array.isArray(s.Catch))
      for (const c of s.Catch as Record<string, unknown>[])
        if (typeof c?.Next === 'string') refs.push(c.Next);
    for (const r of refs) if (!names.has(r)) problems.push(`${p}: transition to unknown state '${r}'`);
    if (type === 'Task' && typeof s.Resource !== 'string') problems.push(`${p}: Task needs a Resource`);
    if (type === 'Parallel') {
      if (!Array.isArray(s.Branches)) problems.push(`${p}: Parallel needs Branches`);
      else
        (s.Branches as Record<string, unknown>[]).forEach((b, i) =>
          checkMachine(b, `${p} branch ${i}`, problems),
        );
    }
    if (type === 'Map') {
      const proc = (s.ItemProcessor ?? s.Iterator) as Record<string, unknown> | undefined;
      if (!proc) problems.push(`${p}: Map needs an ItemProcessor`);
      else checkMachine(proc, `${p} ItemProcessor`, problems);
    }
    for (const key of ['Retry', 'Catch'] as const) {
      const list = s[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) problems.push(`${p}: ${key} must be an array`);
      else
        for (const r of list as Record<string, unknown>[])
          if (!Array.isArray(r?.ErrorEquals) || r.ErrorEquals.length === 0)
            problems.push(`${p}: every ${key} entry needs a non-empty ErrorEquals`);
    }
  }
}
