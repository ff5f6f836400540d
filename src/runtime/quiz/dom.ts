/** The quiz's stylesheet, added once per page. */

const CSS = `
.bd-quiz{max-width:48rem;margin:1rem 0;padding:.75rem;border:1px solid #767676;border-radius:.4rem;box-sizing:border-box}
.bd-quiz *{box-sizing:border-box}
.bd-quiz fieldset{border:0;margin:0;padding:0;min-width:0}
.bd-quiz .bd-prompt{font-weight:600;margin-bottom:.5rem}
.bd-quiz .bd-options{list-style:none;margin:0;padding:0}
.bd-quiz .bd-options li,.bd-quiz .bd-option-row{margin:.25rem 0}
.bd-quiz label.bd-option{display:flex;gap:.5rem;align-items:flex-start;padding:.45rem .5rem;border:1px solid #b0b0b0;border-radius:.3rem;cursor:pointer;min-height:2.75rem}
.bd-quiz label.bd-option input{margin-top:.2rem;flex:none;width:1.2rem;height:1.2rem}
.bd-quiz input[type=text],.bd-quiz textarea,.bd-quiz select{font:inherit;width:100%;max-width:100%;padding:.45rem;border:1px solid #555;border-radius:.3rem;min-height:2.75rem}
.bd-quiz textarea{min-height:8rem}
.bd-quiz .bd-pair{display:grid;grid-template-columns:1fr;gap:.25rem;margin:.5rem 0}
@media (min-width:36rem){.bd-quiz .bd-pair{grid-template-columns:1fr 1fr;align-items:center}}
.bd-quiz .bd-step{display:flex;gap:.4rem;align-items:center;padding:.35rem .5rem;border:1px solid #b0b0b0;border-radius:.3rem;margin:.25rem 0}
.bd-quiz .bd-step span{flex:1}
.bd-quiz button{font:inherit;min-height:2.75rem;min-width:2.75rem;padding:.4rem .9rem;border-radius:.3rem;border:1px solid #1d4f91;background:#1d4f91;color:#fff;cursor:pointer}
.bd-quiz button.bd-secondary{background:#fff;color:#1d4f91}
.bd-quiz button:disabled{background:#e0e0e0;color:#333;border-color:#767676;cursor:not-allowed}
.bd-quiz button:focus-visible,.bd-quiz input:focus-visible,.bd-quiz select:focus-visible,.bd-quiz textarea:focus-visible,.bd-quiz [tabindex="-1"]:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.bd-quiz .bd-actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.75rem}
.bd-quiz .bd-feedback{margin-top:.75rem;padding:.5rem .75rem;border-left:.3rem solid #555;background:#f4f4f4;color:#111}
.bd-quiz .bd-feedback.bd-ok{border-color:#1a7f37}
.bd-quiz .bd-feedback.bd-bad{border-color:#b3261e}
.bd-quiz .bd-tag{font-size:.9em;font-weight:600;margin-left:.4rem;color:#1a5e2b}
.bd-quiz .bd-tag.bd-chosen{color:#123e6b}
.bd-quiz .bd-questions{padding-left:0;list-style:none}
.bd-quiz .bd-questions>li{margin:1rem 0;padding-top:.75rem;border-top:1px solid #ccc}
.bd-quiz .bd-qhead{font-size:1rem;margin:0 0 .4rem}
.bd-quiz .bd-status{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;position:sticky;top:0;background:#fff;padding:.4rem 0;z-index:1}
.bd-quiz .bd-order-help,.bd-quiz .bd-practice-note{margin:.25rem 0 .5rem;font-size:.95em;color:#333}
.bd-quiz button[aria-disabled=true]{background:#e0e0e0;color:#333;border-color:#767676;cursor:not-allowed}
.bd-quiz .bd-refused{margin:.5rem 0 0;font-weight:600}
.bd-count{margin:.25rem 0 0;font-size:.9em;color:#444}
.bd-text-note{margin:.25rem 0 0;padding:.35rem .5rem;border-left:.3rem solid #c98a00;background:#fff6e5;color:#111}
.bd-quiz .bd-visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/** Adds the quiz styles to the document once. */
export function ensureStyles(): void {
  if (document.getElementById('bd-quiz-style')) return;
  const style = document.createElement('style');
  style.id = 'bd-quiz-style';
  style.textContent = CSS;
  document.head.append(style);
}
