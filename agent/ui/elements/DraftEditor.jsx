// Edit a draft in place; "Validate and use" sends it to the session like a paste,
// so the agent validates and reviews it before it can be approved.
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';

export default function DraftEditor() {
  const [text, setText] = useState(props.text || '');
  const [sent, setSent] = useState(false);
  const lines = text.split('\n').length;
  const submit = () => {
    setSent(true);
    callAction({
      name: 'ftd_edited',
      payload: { step: props.step, path: props.path, text: text },
    });
  };
  return (
    <div className="flex flex-col gap-2 w-full">
      <div className="text-sm text-muted-foreground">
        Editing <code>{props.path}</code>. Your version is validated and reviewed like any draft.
      </div>
      <Textarea
        id={'ftd-editor-' + props.path}
        className="font-mono text-sm"
        rows={Math.min(32, Math.max(8, lines + 1))}
        value={text}
        disabled={sent}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="flex gap-2">
        <Button onClick={submit} disabled={sent || !text.trim()}>
          {sent ? 'Sent for validation' : 'Validate and use'}
        </Button>
        <Button variant="outline" onClick={() => setText(props.text || '')} disabled={sent}>
          Reset
        </Button>
      </div>
    </div>
  );
}
