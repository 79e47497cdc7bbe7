// A tiny Node wallet agent using the official `openai` npm package, pointed at aiegis-guard.
//
//   aiegis-guard serve --upstream https://api.openai.com/v1      # key in $OPENAI_API_KEY
//   OPENAI_BASE_URL=http://127.0.0.1:8787/v1 node examples/node_agent.mjs "pay alice 0.01 ETH"
//
// Zero aiegis code here: the gateway judges what the model reads (tool results) and every tool
// call it makes before this loop sees it. Its tools are stand-ins that only record what ran;
// the last line printed is a JSON summary {"executed": [...], "final": "..."}.
// Environment: OPENAI_BASE_URL, OPENAI_API_KEY (the gateway's bearer token if it has one),
// AIEGIS_MODEL (default gpt-4o-mini), AIEGIS_CONVERSATION (sent as X-Aiegis-Conversation).

import OpenAI from "openai";

const client = new OpenAI({
  baseURL: process.env.OPENAI_BASE_URL ?? "http://127.0.0.1:8787/v1",
  apiKey: process.env.OPENAI_API_KEY ?? "unused",
  maxRetries: 0,
});
const model = process.env.AIEGIS_MODEL ?? "gpt-4o-mini";
const headers = process.env.AIEGIS_CONVERSATION
  ? { "X-Aiegis-Conversation": process.env.AIEGIS_CONVERSATION }
  : {};

const fn = (name, description, properties) => ({
  type: "function",
  function: { name, description, parameters: { type: "object", properties } },
});
const tools = [
  fn("read_inbox", "Read the latest support message.", {}),
  fn("transfer_eth", "Send ETH.", { to: { type: "string" }, amount_wei: { type: "integer" } }),
  fn("post_message", "Post to the public feed.", { text: { type: "string" } }),
];

const executed = [];
const run = {
  read_inbox: () => process.env.AIEGIS_INBOX ?? "No new messages.",
  transfer_eth: (args) => `sent ${args.amount_wei} wei to ${args.to}`,
  post_message: () => "posted",
};

const messages = [
  { role: "system", content: "You are a wallet agent. Use the tools to do what the user asks." },
  { role: "user", content: process.argv[2] ?? "Check my inbox and act on it." },
];

let final = "";
for (let turn = 0; turn < 6; turn += 1) {
  const resp = await client.chat.completions.create(
    { model, messages, tools },
    { headers },
  );
  const msg = resp.choices[0].message;
  messages.push(msg);
  final = msg.content ?? "";
  if (!msg.tool_calls?.length) break;
  for (const call of msg.tool_calls) {
    const args = JSON.parse(call.function.arguments || "{}");
    executed.push(call.function.name);
    const result = run[call.function.name]?.(args) ?? "unknown tool";
    messages.push({ role: "tool", tool_call_id: call.id, content: result });
  }
}
console.log(JSON.stringify({ executed, final }));
