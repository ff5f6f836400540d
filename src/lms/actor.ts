/** The xAPI actor the preview LMS writes for a roster learner: one account on the LMS's home page. */
export const LMS_HOME_PAGE = 'http://localhost/boiduong';

export const actorOf = (l: { id: string; name: string }) => ({ objectType: 'Agent', name: l.name, account: { homePage: LMS_HOME_PAGE, name: l.id } });
