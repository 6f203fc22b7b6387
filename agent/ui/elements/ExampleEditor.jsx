// Write or rewrite one calibration example; "Save and check" sends it to the app,
// which stores it and asks the judge model for its own verdict.
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';

const TYPES = ['PASS', 'FAIL', 'BORDERLINE_PASS', 'BORDERLINE_FAIL'];

export default function ExampleEditor() {
  const start = props.example || {};
  const [type, setType] = useState(start.type || 'PASS');
  const [context, setContext] = useState(start.context || '');
  const [response, setResponse] = useState(start.response || '');
  const [reasoning, setReasoning] = useState(start.reasoning || '');
  const [sent, setSent] = useState(false);
  const ready = context.trim() && response.trim() && reasoning.trim();
  const save = () => {
    setSent(true);
    callAction({
      name: 'ftd_cal_save',
      payload: {
        criterion: props.criterion,
        item: props.item || null,
        example: { type, context, response, reasoning },
      },
    });
  };
  const field = (label, value, setter, rows) => (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      <Textarea rows={rows} value={value} disabled={sent} onChange={(e) => setter(e.target.value)} />
    </label>
  );
  return (
    <div className="flex flex-col gap-3 w-full">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Label</span>
        <select
          className="border rounded-md p-2 bg-background"
          value={type}
          disabled={sent}
          onChange={(e) => setType(e.target.value)}
        >
          {TYPES.map((t) => (
            <option key={t} value={t}>{t}</option>
          ))}
        </select>
      </label>
      {field('What the user said', context, setContext, 3)}
      {field("The assistant's reply being judged", response, setResponse, 4)}
      {field('Why this label is right', reasoning, setReasoning, 2)}
      <div className="flex gap-2">
        <Button onClick={save} disabled={sent || !ready}>
          {sent ? 'Saved' : 'Save and check with the judge'}
        </Button>
      </div>
    </div>
  );
}
